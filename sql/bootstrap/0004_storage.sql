-- sql/bootstrap/0004_storage.sql
-- A Supabase-compatible storage schema for vanilla PostgreSQL: buckets,
-- objects (with row level security, as on Supabase) and the path helpers.
-- Each object is created only where absent.

do $bootstrap$
begin
    if not exists (select from pg_catalog.pg_namespace where nspname = 'storage') then
        create schema storage;
        grant usage on schema storage to anon, authenticated, service_role;
    end if;

    if to_regclass('storage.buckets') is null then
        create table storage.buckets (
            id text primary key,
            name text not null unique,
            owner uuid,
            public boolean not null default false,
            file_size_limit bigint,
            allowed_mime_types text[],
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now()
        );
        comment on table storage.buckets is 'Supabase-compatible storage buckets.';
        revoke all on storage.buckets from anon, authenticated;
        grant select on storage.buckets to anon, authenticated;
        grant all on storage.buckets to service_role;
    end if;

    if to_regclass('storage.objects') is null then
        create table storage.objects (
            id uuid primary key default gen_random_uuid(),
            bucket_id text references storage.buckets (id),
            name text,
            owner uuid,
            metadata jsonb,
            path_tokens text[] generated always as (string_to_array(name, '/')) stored,
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now(),
            last_accessed_at timestamptz default now(),
            constraint objects_bucket_id_name_key unique (bucket_id, name)
        );
        comment on table storage.objects is
            'Supabase-compatible stored objects; access is decided by policies on this table.';
        alter table storage.objects enable row level security;
        revoke all on storage.objects from anon, authenticated;
        grant select, insert, update, delete on storage.objects to anon, authenticated;
        grant all on storage.objects to service_role;
    end if;

    if to_regprocedure('storage.foldername(text)') is null then
        create function storage.foldername(name text)
        returns text[]
        language sql
        immutable
        as $fn$
            select (string_to_array(name, '/'))[1:cardinality(string_to_array(name, '/')) - 1]
        $fn$;
        comment on function storage.foldername(text) is
            'The folders of an object path: storage.foldername(''a/b/c.mp4'') = {a,b}.';
    end if;

    if to_regprocedure('storage.filename(text)') is null then
        create function storage.filename(name text)
        returns text
        language sql
        immutable
        as $fn$
            select (string_to_array(name, '/'))[cardinality(string_to_array(name, '/'))]
        $fn$;
        comment on function storage.filename(text) is 'The last element of an object path.';
    end if;
end
$bootstrap$;
