-- level: warning
-- description: No full (non-partial) index leads with the tenant column, so every policy check and per-user query scans the table.
-- hint: create an index whose first column is the tenant column (a composite one serves too).
-- The tenant columns (the query that replaces the placeholder) are defined in schema_tool/catalog/platform.py.
select 'public' as schema, null as "table", t.table_name::text as name, 'table' as kind,
       format('no full index starts with tenant column %I', t.attname) as message
from {tenant_columns} as t
where not exists (
    select from pg_catalog.pg_index as i
    where i.indrelid = t.rel and i.indkey[0] = t.attnum and i.indpred is null
)
