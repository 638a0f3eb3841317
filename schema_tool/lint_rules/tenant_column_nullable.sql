-- level: error
-- description: A tenant column (user_id or created_by referencing auth.users) allows NULL, so rows may belong to nobody.
-- hint: make it not null; if rows without an owner are meant (anonymous input), say so with an ignore comment.
-- The tenant columns (the query that replaces the placeholder) are defined in schema_tool/catalog/platform.py.
select 'public' as schema, null as "table", t.table_name::text as name, 'table' as kind,
       format('tenant column %I is nullable', t.attname) as message
from {tenant_columns} as t
where not t.not_null
