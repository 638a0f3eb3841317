-- level: warning
-- description: A foreign key's columns are not the leading columns of any index usable for it, so deletes of the parent scan this table.
-- hint: create an index on the foreign key columns, in the same order.
-- A partial index counts when its predicate only says that foreign key columns are not null
-- (every lookup the key makes implies that); any other predicate does not.
with fk as (
    select k.conname, k.conrelid, k.conkey,
           array(select a.attname::text
                 from unnest(k.conkey) with ordinality as u (attnum, ord)
                 join pg_catalog.pg_attribute as a on a.attrelid = k.conrelid and a.attnum = u.attnum
                 order by u.ord) as columns
    from pg_catalog.pg_constraint as k
    where k.contype = 'f'
)
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       format('foreign key %I (%s) has no index', fk.conname, array_to_string(fk.columns, ', ')) as message
from fk
join pg_catalog.pg_class as c on c.oid = fk.conrelid
where c.relnamespace = 'public'::regnamespace
  and not exists (
      select from pg_catalog.pg_index as i
      where i.indrelid = c.oid
        and (i.indkey::int2[])[0:cardinality(fk.conkey) - 1] operator(pg_catalog.@>) fk.conkey
        and (i.indkey::int2[])[0:cardinality(fk.conkey) - 1] operator(pg_catalog.<@) fk.conkey
        and (i.indpred is null
             or not exists (
                 select from regexp_split_to_table(pg_catalog.pg_get_expr(i.indpred, i.indrelid), ' AND ') as part
                 where coalesce((regexp_match(part, '^\(*"?(\w+)"? IS NOT NULL\)*$'))[1] <> all (fk.columns), true)
             ))
  )
