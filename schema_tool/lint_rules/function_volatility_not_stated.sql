-- level: warning
-- description: A function's file does not state its volatility, so nobody can tell whether the default (volatile) was meant.
-- hint: write volatile, stable or immutable after the language clause: volatile when it writes or must run per row, stable when it only reads, immutable when it only computes from its arguments.
-- Reads the files, not the catalog: the catalog stores volatile whether it was
-- written or left to the default. The files come as JSON in the setting
-- schema_tool.files, set by schema_tool lint. Each CREATE FUNCTION statement
-- of sql/functions/ is read from its name to the start of its body ("as $").
with statement as (
    select f.path, s.part
    from jsonb_to_recordset(current_setting('schema_tool.files')::jsonb) as f (path text, layer text, text text)
    cross join lateral regexp_split_to_table(f.text, '\mcreate\s+(or\s+replace\s+)?function\M', 'i')
        with ordinality as s (part, n)
    where f.layer = 'functions'
      and s.n > 1
),
header as (
    select path,
           (regexp_match(part, '^\s*(?:("?\w+"?)\.)?("?\w+"?)\s*\('))[1:2] as qualified,
           regexp_replace(part, '\mas\s+\$.*$', '', 'i') as text
    from statement
)
select coalesce(trim(qualified[1], '"'), 'public') as schema, null as "table", trim(qualified[2], '"') as name,
       'function' as kind,
       'volatility not stated (volatile, stable or immutable)' as message
from header
where qualified[2] is not null
  and text !~* '\m(volatile|stable|immutable)\M'
