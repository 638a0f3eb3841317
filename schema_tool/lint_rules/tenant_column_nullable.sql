-- level: error
-- description: A tenant column (user_id or created_by referencing auth.users) allows NULL, so rows may belong to nobody.
-- hint: make it not null; if rows without an owner are meant (anonymous input), say so with an ignore comment.
select 'public' as schema, null as "table", c.relname::text as name, 'table' as kind,
       format('tenant column %I is nullable', a.attname) as message
from pg_catalog.pg_constraint as fk
join pg_catalog.pg_class as c on c.oid = fk.conrelid
join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = fk.conkey[1]
where fk.contype = 'f'
  and fk.confrelid = to_regclass('auth.users')
  and c.relnamespace = 'public'::regnamespace
  and a.attname in ('user_id', 'created_by')
  and not a.attnotnull
