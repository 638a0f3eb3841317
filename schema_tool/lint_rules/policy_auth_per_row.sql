-- level: warning
-- description: A policy calls auth.uid() or auth.jwt() directly, which is evaluated once per row.
-- hint: wrap the call in a scalar sub-select, (select auth.uid()), so it is evaluated once per query.
-- The server prints a wrapped call as "( SELECT auth.uid() AS uid)", "( SELECT (auth.uid())::text AS uid)"
-- or "( SELECT (auth.jwt() ->> 'role'::text))": SELECT, then the call, then AS, a cast, a JSON operator
-- or the closing parenthesis. "( SELECT (auth.uid() = t.user_id))" compares inside the sub-select,
-- which makes it correlated (run per row): that one counts as a direct call.
with clause as (
    select p.schemaname, p.tablename, p.policyname, c.name, c.expression
    from pg_catalog.pg_policies as p
    cross join lateral (values ('USING', p.qual), ('WITH CHECK', p.with_check)) as c (name, expression)
    where (p.schemaname = 'public' or (p.schemaname = 'storage' and p.tablename = 'objects'))
      and c.expression is not null
),
counted as (
    select clause.*,
           regexp_count(expression, 'auth\.(uid|jwt)\(\)') as calls,
           regexp_count(expression, 'SELECT \(*auth\.(uid|jwt)\(\)\)*(\s+AS\s|::|\s*->|\))') as wrapped
    from clause
)
select schemaname::text as schema, tablename::text as "table", policyname::text as name, 'policy' as kind,
       'auth.uid()/auth.jwt() called per row in ' || string_agg(name, ' and ' order by name) as message
from counted
where calls > wrapped
group by schemaname, tablename, policyname
