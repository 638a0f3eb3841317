-- level: warning
-- description: Two indexes of a table have the same columns, operator classes, expressions and predicate.
-- hint: drop one of them; each costs writes and memory and adds nothing.
select 'public' as schema, t.relname::text as "table", b.relname::text as name, 'index' as kind,
       format('duplicate of index %I on %I', a.relname, t.relname) as message
from pg_catalog.pg_index as ia
join pg_catalog.pg_index as ib
    on ib.indrelid = ia.indrelid
   and ib.indexrelid > ia.indexrelid
   and ib.indkey::text = ia.indkey::text
   and ib.indclass::text = ia.indclass::text
   and coalesce(pg_catalog.pg_get_expr(ib.indexprs, ib.indrelid), '') = coalesce(pg_catalog.pg_get_expr(ia.indexprs, ia.indrelid), '')
   and coalesce(pg_catalog.pg_get_expr(ib.indpred, ib.indrelid), '') = coalesce(pg_catalog.pg_get_expr(ia.indpred, ia.indrelid), '')
join pg_catalog.pg_class as a on a.oid = ia.indexrelid
join pg_catalog.pg_class as b on b.oid = ib.indexrelid
join pg_catalog.pg_class as t on t.oid = ia.indrelid
where t.relnamespace = 'public'::regnamespace
  and (select m.amname from pg_catalog.pg_am as m where m.oid = a.relam)
      = (select m.amname from pg_catalog.pg_am as m where m.oid = b.relam)
