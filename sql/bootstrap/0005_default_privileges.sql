-- sql/bootstrap/0005_default_privileges.sql
-- Supabase's defaults: the API roles may use schema public, and new tables,
-- sequences and functions in public are granted to them. The tests meet the
-- same defaults production has, so every policies file must revoke what it
-- does not mean to give.

do $bootstrap$
begin
    if not has_schema_privilege('authenticated', 'public', 'usage') then
        grant usage on schema public to anon, authenticated, service_role;
    end if;

    if not exists (
        select
        from pg_catalog.pg_default_acl as d
        where d.defaclnamespace = 'public'::regnamespace
          and d.defaclrole = current_user::regrole
          and d.defaclobjtype = 'r'
    ) then
        alter default privileges in schema public
            grant all on tables to anon, authenticated, service_role;
        alter default privileges in schema public
            grant all on sequences to anon, authenticated, service_role;
        alter default privileges in schema public
            grant all on functions to anon, authenticated, service_role;
    end if;
end
$bootstrap$;
