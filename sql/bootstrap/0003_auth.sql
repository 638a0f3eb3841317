-- sql/bootstrap/0003_auth.sql
-- A Supabase-compatible auth schema for vanilla PostgreSQL: auth.users and
-- auth.uid(), auth.role(), auth.jwt() reading the request.jwt.claim(s)
-- settings exactly as Supabase does (no token: NULL). Each object is created
-- only where absent, so an existing auth schema is left as it is.

do $bootstrap$
begin
    if not exists (select from pg_catalog.pg_namespace where nspname = 'auth') then
        create schema auth;
        grant usage on schema auth to anon, authenticated, service_role;
    end if;

    if to_regclass('auth.users') is null then
        create table auth.users (
            instance_id uuid,
            id uuid primary key,
            aud varchar(255),
            role varchar(255),
            email varchar(255),
            encrypted_password varchar(255),
            email_confirmed_at timestamptz,
            raw_app_meta_data jsonb,
            raw_user_meta_data jsonb,
            is_anonymous boolean not null default false,
            created_at timestamptz default now(),
            updated_at timestamptz default now()
        );
        comment on table auth.users is
            'Supabase-compatible user accounts. On Supabase this table is the platform''s own.';
        revoke all on auth.users from anon, authenticated;
    end if;

    if to_regprocedure('auth.uid()') is null then
        create function auth.uid()
        returns uuid
        language sql
        stable
        as $fn$
            select coalesce(
                nullif(current_setting('request.jwt.claim.sub', true), ''),
                (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
            )::uuid
        $fn$;
        comment on function auth.uid() is 'The user id (sub claim) of the request''s JWT, or NULL.';
    end if;

    if to_regprocedure('auth.role()') is null then
        create function auth.role()
        returns text
        language sql
        stable
        as $fn$
            select coalesce(
                nullif(current_setting('request.jwt.claim.role', true), ''),
                (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
            )::text
        $fn$;
        comment on function auth.role() is 'The role claim of the request''s JWT, or NULL.';
    end if;

    if to_regprocedure('auth.jwt()') is null then
        create function auth.jwt()
        returns jsonb
        language sql
        stable
        as $fn$
            select coalesce(
                nullif(current_setting('request.jwt.claim', true), ''),
                nullif(current_setting('request.jwt.claims', true), '')
            )::jsonb
        $fn$;
        comment on function auth.jwt() is 'All claims of the request''s JWT, or NULL.';
    end if;
end
$bootstrap$;
