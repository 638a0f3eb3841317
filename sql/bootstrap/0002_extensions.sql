-- sql/bootstrap/0002_extensions.sql
-- Extensions live in schema extensions, as on Supabase, never in public.
-- vector is required; pg_cron and pg_net are created only where the server
-- offers them and preloads them (pg_cron must also live in the database named
-- by cron.database_name).

do $$
begin
    if not exists (select from pg_catalog.pg_namespace where nspname = 'extensions') then
        create schema extensions;
        grant usage on schema extensions to anon, authenticated, service_role;
    end if;
    if not exists (select from pg_catalog.pg_extension where extname = 'vector') then
        create extension vector with schema extensions;
    end if;
    if not exists (select from pg_catalog.pg_extension where extname = 'pg_cron')
        and exists (select from pg_catalog.pg_available_extensions where name = 'pg_cron')
        and current_setting('shared_preload_libraries') ~ '(^|[ ,])pg_cron([ ,]|$)'
        and current_database() = coalesce(current_setting('cron.database_name', true), 'postgres')
    then
        create extension pg_cron;
    end if;
    if not exists (select from pg_catalog.pg_extension where extname = 'pg_net')
        and exists (select from pg_catalog.pg_available_extensions where name = 'pg_net')
        and current_setting('shared_preload_libraries') ~ '(^|[ ,])pg_net([ ,]|$)'
    then
        create extension pg_net with schema extensions;
    end if;
end
$$;
