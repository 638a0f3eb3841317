"""A Supabase-shaped PostgreSQL cluster for the tests: what a project's database has before the
project's own files run.

Its shapes follow Supabase's own sources: the roles and initial grants of supabase/postgres's init
scripts, the `auth` schema with the GoTrue columns and functions of supabase/auth, and the `storage`
schema of supabase/storage, whose protect_delete() trigger refuses direct deletes. As on a hosted
project, the cluster's superuser is supabase_admin and `postgres` is not a superuser: it may create
databases and roles, and bypasses row level security. Two stand-ins for what the supautils extension
does on a hosted project: `vector` is created by supabase_admin (the dashboard's Extensions page),
and `postgres` is a member of supabase_storage_admin (supautils lets it create policies on
storage.objects).

The cluster runs on the embedded PostgreSQL's binaries (or any other `bin` folder), in a throwaway
data directory; roles are per cluster, so they never reach the tests' shared server.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from schema_tool.pytest_plugin import throwaway_folder
from tests.pg15 import _free_port, _os_user, _run

# Run once per cluster, as supabase_admin, in database postgres.
ROLES = (
    "create role postgres login createdb createrole replication bypassrls",
    "create role anon nologin noinherit",
    "create role authenticated nologin noinherit",
    "create role service_role nologin noinherit bypassrls",
    "create role authenticator login noinherit",
    "grant anon, authenticated, service_role to authenticator",
    "create role supabase_auth_admin login noinherit createrole",
    "create role supabase_storage_admin login noinherit createrole",
    # supautils' policy_grants stand-in: postgres may create policies on storage.objects
    "grant supabase_storage_admin to postgres",
)

# The initial schema's grants, as run by postgres (Supabase ran it as postgres, before demoting it).
INITIAL_GRANTS = (
    "grant usage on schema public to postgres, anon, authenticated, service_role",
    "alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role",
    "alter default privileges in schema public grant all on functions to postgres, anon, authenticated, "
    "service_role",
    "alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, "
    "service_role",
)

# The platform's own setup, as supabase_admin, in the project's database.
PLATFORM = (
    "create schema extensions",
    "create extension vector with schema extensions",
    "grant usage on schema extensions to postgres, anon, authenticated, service_role",
    "alter default privileges for role supabase_admin in schema public grant all on tables to postgres, anon, "
    "authenticated, service_role",
    "alter default privileges for role supabase_admin in schema public grant all on functions to postgres, anon, "
    "authenticated, service_role",
    "alter default privileges for role supabase_admin in schema public grant all on sequences to postgres, anon, "
    "authenticated, service_role",
)

# GoTrue's schema: the users table as its migrations leave it, and the request helpers.
AUTH = (
    "create schema auth authorization supabase_admin",
    """
    create table auth.users (
        instance_id uuid,
        id uuid not null primary key,
        aud varchar(255),
        role varchar(255),
        email varchar(255),
        encrypted_password varchar(255),
        email_confirmed_at timestamptz,
        invited_at timestamptz,
        confirmation_token varchar(255),
        confirmation_sent_at timestamptz,
        recovery_token varchar(255),
        recovery_sent_at timestamptz,
        email_change_token_new varchar(255),
        email_change varchar(255),
        email_change_sent_at timestamptz,
        last_sign_in_at timestamptz,
        raw_app_meta_data jsonb,
        raw_user_meta_data jsonb,
        is_super_admin boolean,
        created_at timestamptz,
        updated_at timestamptz,
        phone text unique default null,
        phone_confirmed_at timestamptz,
        phone_change text default '',
        phone_change_token varchar(255) default '',
        phone_change_sent_at timestamptz,
        confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
        email_change_token_current varchar(255) default '',
        email_change_confirm_status smallint default 0
            constraint users_email_change_confirm_status_check check (email_change_confirm_status between 0 and 2),
        banned_until timestamptz,
        reauthentication_token varchar(255) default '',
        reauthentication_sent_at timestamptz,
        is_sso_user boolean not null default false,
        deleted_at timestamptz,
        is_anonymous boolean not null default false
    )
    """,
    "create unique index users_email_partial_key on auth.users (email) where is_sso_user = false",
    "create index users_instance_id_idx on auth.users (instance_id)",
    "comment on table auth.users is 'Auth: Stores user login data within a secure schema.'",
    """
    create function auth.uid() returns uuid language sql stable as $$
        select coalesce(
            nullif(current_setting('request.jwt.claim.sub', true), ''),
            (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid
    $$
    """,
    """
    create function auth.role() returns text language sql stable as $$
        select coalesce(
            nullif(current_setting('request.jwt.claim.role', true), ''),
            (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
        )::text
    $$
    """,
    """
    create function auth.jwt() returns jsonb language sql stable as $$
        select coalesce(
            nullif(current_setting('request.jwt.claim', true), ''),
            nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
    $$
    """,
    "alter table auth.users owner to supabase_auth_admin",
    "alter function auth.uid() owner to supabase_auth_admin",
    "alter function auth.role() owner to supabase_auth_admin",
    "alter function auth.jwt() owner to supabase_auth_admin",
    "grant usage on schema auth to anon, authenticated, service_role, postgres",
    "grant all on schema auth to supabase_auth_admin",
    "grant all on all tables in schema auth to postgres",
    "grant all on all routines in schema auth to postgres",
)

# Supabase Storage's schema, created by its admin so that its default privileges apply, and the
# statement-level trigger that refuses any delete not made through the Storage API.
STORAGE = (
    "create schema storage authorization supabase_admin",
    "grant all on schema storage to supabase_storage_admin",
    "grant usage on schema storage to postgres, anon, authenticated, service_role",
    "alter default privileges for role supabase_storage_admin in schema storage grant all on tables to postgres, "
    "anon, authenticated, service_role",
    "alter default privileges for role supabase_storage_admin in schema storage grant all on functions to "
    "postgres, anon, authenticated, service_role",
    "set role supabase_storage_admin",
    """
    create table storage.buckets (
        id text not null primary key,
        name text not null,
        owner uuid,
        owner_id text,
        public boolean default false,
        avif_autodetection boolean default false,
        file_size_limit bigint,
        allowed_mime_types text[],
        created_at timestamptz default now(),
        updated_at timestamptz default now()
    )
    """,
    "create unique index bname on storage.buckets using btree (name)",
    """
    create table storage.objects (
        id uuid not null default gen_random_uuid() primary key,
        bucket_id text constraint "objects_bucketId_fkey" references storage.buckets (id),
        name text,
        owner uuid,
        owner_id text,
        created_at timestamptz default now(),
        updated_at timestamptz default now(),
        last_accessed_at timestamptz default now(),
        metadata jsonb,
        path_tokens text[] generated always as (string_to_array(name, '/')) stored,
        version text,
        user_metadata jsonb
    )
    """,
    "create unique index bucketid_objname on storage.objects using btree (bucket_id, name)",
    "create index name_prefix_search on storage.objects (name text_pattern_ops)",
    "alter table storage.objects enable row level security",
    "alter table storage.buckets enable row level security",
    """
    create function storage.foldername(name text) returns text[] language plpgsql as $$
    declare
        _parts text[];
    begin
        select string_to_array(name, '/') into _parts;
        return _parts[1:array_length(_parts, 1) - 1];
    end
    $$
    """,
    """
    create function storage.filename(name text) returns text language plpgsql as $$
    declare
        _parts text[];
    begin
        select string_to_array(name, '/') into _parts;
        return _parts[array_length(_parts, 1)];
    end
    $$
    """,
    """
    create function storage.protect_delete() returns trigger language plpgsql as $$
    begin
        if coalesce(current_setting('storage.allow_delete_query', true), 'false') != 'true' then
            raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
                using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
        end if;
        return null;
    end
    $$
    """,
    "create trigger protect_buckets_delete before delete on storage.buckets "
    "for each statement execute function storage.protect_delete()",
    "create trigger protect_objects_delete before delete on storage.objects "
    "for each statement execute function storage.protect_delete()",
    "reset role",
)

# What a platform object looks like, to tell that the project's files left it as it was: owner,
# privileges, definition, columns, triggers and indexes of everything in auth and storage.
PLATFORM_OBJECTS = """
select 'relation', c.oid::regclass::text, c.relowner::regrole::text, c.relacl::text, c.relrowsecurity::text,
       (select string_agg(format('%s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                                 pg_get_expr(d.adbin, d.adrelid)), ', ' order by a.attnum)
        from pg_attribute as a left join pg_attrdef as d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped)
from pg_class as c
where c.relnamespace in ('auth'::regnamespace, 'storage'::regnamespace)
union all
select 'function', p.oid::regprocedure::text, p.proowner::regrole::text, p.proacl::text, null,
       pg_get_functiondef(p.oid)
from pg_proc as p
where p.pronamespace in ('auth'::regnamespace, 'storage'::regnamespace)
union all
select 'trigger', t.tgname || ' on ' || t.tgrelid::regclass::text, null, null, null, pg_get_triggerdef(t.oid)
from pg_trigger as t
where not t.tgisinternal and t.tgrelid in ('auth.users'::regclass, 'storage.objects'::regclass,
                                            'storage.buckets'::regclass)
  and t.tgfoid::regproc::text like 'storage.%'
union all
select 'schema', n.nspname, n.nspowner::regrole::text, n.nspacl::text, null, null
from pg_namespace as n
where n.nspname in ('auth', 'storage')
order by 1, 2
"""


@dataclass
class SupabaseCluster:
    socket_dir: Path
    port: int

    def url(self, database: str = "project", user: str = "postgres") -> str:
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def admin(self, database: str = "project") -> psycopg.Connection:
        return psycopg.connect(self.url(database, "supabase_admin"), autocommit=True)

    def version(self) -> int:
        with self.admin("postgres") as conn:
            return int(conn.execute("show server_version_num").fetchone()[0]) // 10000

    def new_project(self, name: str) -> str:
        """A database set up as a new Supabase project's is (owned by postgres); its URL as postgres."""
        with self.admin("postgres") as conn:
            conn.execute(f'create database "{name}" owner postgres')
        with self.admin(name) as conn:
            for statement in PLATFORM + AUTH + STORAGE:
                conn.execute(statement)
            conn.execute("set role postgres")
            for statement in INITIAL_GRANTS:
                conn.execute(statement)
        return self.url(name)

    def platform_objects(self, database: str) -> list[tuple]:
        with self.admin(database) as conn:
            return conn.execute(PLATFORM_OBJECTS).fetchall()


@contextmanager
def supabase_cluster(bin_dir: Path) -> Iterator[SupabaseCluster]:
    """A throwaway cluster whose superuser is supabase_admin, with Supabase's roles."""
    user = _os_user()
    base = throwaway_folder("supabase-pg-")
    data = base / "data"
    port = _free_port()
    if user:
        shutil.chown(base, user, user)
    _run([str(bin_dir / "initdb"), "-D", str(data), "-U", "supabase_admin", "-A", "trust", "-E", "UTF8"], user)
    options = f"-c listen_addresses='' -c unix_socket_directories='{base}' -c port={port} -c fsync=off"
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-o", options, "-w", "start"],
         user)
    try:
        cluster = SupabaseCluster(base, port)
        with cluster.admin("postgres") as conn:
            for statement in ROLES:
                conn.execute(statement)
        yield cluster
    finally:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], user)
        shutil.rmtree(base, ignore_errors=True)
