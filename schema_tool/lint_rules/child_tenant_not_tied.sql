-- id: child-tenant-not-tied
-- level: error
-- object: table
-- description: A foreign key from a tenant table to another tenant table leaves out the tenant column, so a user can hang rows under another user's object.
-- hint: reference the parent's unique (id, tenant) with a composite key (parent_id, tenant column).
with tenant as (
    select fk.conrelid as rel, fk.conkey[1] as attnum
    from pg_catalog.pg_constraint as fk
    join pg_catalog.pg_attribute as a on a.attrelid = fk.conrelid and a.attnum = fk.conkey[1]
    where fk.contype = 'f'
      and fk.confrelid = 'auth.users'::regclass
      and a.attname in ('user_id', 'created_by')
)
select format('public.%I', c.relname) as object,
       format('foreign key %I to %I does not include the tenant column %I', fk.conname, p.relname, a.attname) as message
from pg_catalog.pg_constraint as fk
join tenant as child on child.rel = fk.conrelid
join tenant as parent on parent.rel = fk.confrelid
join pg_catalog.pg_class as c on c.oid = fk.conrelid
join pg_catalog.pg_class as p on p.oid = fk.confrelid
join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = child.attnum
where fk.contype = 'f'
  and c.relnamespace = 'public'::regnamespace
  and fk.confrelid <> fk.conrelid
  and not (child.attnum = any (fk.conkey))
