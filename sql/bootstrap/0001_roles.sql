-- sql/bootstrap/0001_roles.sql
-- The Supabase API roles. Created only where absent, so on a real Supabase
-- project this file changes nothing.

do $$
begin
    if not exists (select from pg_catalog.pg_roles where rolname = 'anon') then
        create role anon nologin noinherit;
    end if;
    if not exists (select from pg_catalog.pg_roles where rolname = 'authenticated') then
        create role authenticated nologin noinherit;
    end if;
    if not exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
        -- service_role is the server-side key: it bypasses row level security
        create role service_role nologin noinherit bypassrls;
    end if;
end
$$;
