-- id: foreign-key-without-index
-- level: warning
-- object: table
-- description: A foreign key's columns are not the leading columns of any index, so deletes of the parent scan this table.
-- hint: create an index on the foreign key columns, in the same order.
select format('public.%I', c.relname) as object,
       format('foreign key %I (%s) has no index', fk.conname,
              (select string_agg(a.attname, ', ' order by k.ord)
               from unnest(fk.conkey) with ordinality as k (attnum, ord)
               join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = k.attnum)) as message
from pg_catalog.pg_constraint as fk
join pg_catalog.pg_class as c on c.oid = fk.conrelid
where fk.contype = 'f'
  and c.relnamespace = 'public'::regnamespace
  and not exists (
      select from pg_catalog.pg_index as i
      where i.indrelid = c.oid
        and (i.indkey::int2[])[0:cardinality(fk.conkey) - 1] operator(pg_catalog.@>) fk.conkey
        and (i.indkey::int2[])[0:cardinality(fk.conkey) - 1] operator(pg_catalog.<@) fk.conkey
  )
