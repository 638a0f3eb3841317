"""The bootstrap layer creates Supabase's platform objects only where they are absent."""

from __future__ import annotations

import json

from tests.toy import cli, execute, query

EXISTING_AUTH = (
    # roles are per server: other tests may have created them already
    "do $$ begin if not exists (select from pg_roles where rolname = 'anon') then "
    "create role anon nologin; create role authenticated nologin; "
    "create role service_role nologin bypassrls; end if; end $$",
    "create schema auth",
    "create table auth.users (id uuid primary key, email text, phone text, banned_until timestamptz, "
    "confirmation_token varchar(255) default 'x')",
    "create function auth.uid() returns uuid language sql stable as $$ "
    "select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$",
    "create function auth.email() returns text language sql stable as $$ select 'platform' $$",
)

SNAPSHOT = """
select jsonb_build_object(
    'columns', (select jsonb_agg(jsonb_build_array(attname, format_type(atttypid, atttypmod),
                                                   pg_get_expr(d.adbin, d.adrelid)) order by attnum)
                from pg_attribute as a left join pg_attrdef as d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where attrelid = 'auth.users'::regclass and attnum > 0),
    'functions', (select jsonb_agg(pg_get_functiondef(p.oid) order by proname)
                  from pg_proc as p where pronamespace = 'auth'::regnamespace and proname in ('uid', 'email')),
    'acl', (select relacl::text from pg_class where oid = 'auth.users'::regclass)
)
"""


def test_existing_auth_schema_is_left_byte_for_byte(toy, empty_url):
    execute(empty_url, *EXISTING_AUTH)
    before = query(empty_url, SNAPSHOT)
    result = cli("up", project=toy, url=empty_url)
    assert result.code == 0, result.err
    assert query(empty_url, SNAPSHOT) == before
    # what was absent is added: auth.role() and auth.jwt() did not exist
    assert query(empty_url, "select to_regprocedure('auth.role()') is not null, "
                            "to_regprocedure('auth.jwt()') is not null") == [(True, True)]


def test_auth_functions_read_the_jwt_claims_like_supabase(toy, empty_url):
    assert cli("up", project=toy, url=empty_url).code == 0
    claims = json.dumps({"sub": "5f0c8a3e-0000-4000-8000-000000000001", "role": "authenticated"})
    rows = query(empty_url, "select set_config('request.jwt.claims', %s, false), auth.uid()::text, auth.role(), "
                            "auth.jwt() ->> 'sub'", (claims,))
    assert rows[0][1:] == ("5f0c8a3e-0000-4000-8000-000000000001", "authenticated",
                           "5f0c8a3e-0000-4000-8000-000000000001")
    assert query(empty_url, "select auth.uid(), auth.role(), auth.jwt()") == [(None, None, None)]


def test_bootstrap_provides_roles_storage_and_vector_outside_public(toy, empty_url):
    assert cli("up", project=toy, url=empty_url).code == 0
    assert query(empty_url, "select rolname, rolbypassrls from pg_roles "
                            "where rolname in ('anon', 'authenticated', 'service_role') order by 1") == [
        ("anon", False), ("authenticated", False), ("service_role", True)]
    assert query(empty_url, "select storage.foldername('u1/videos/a.mp4')") == [(["u1", "videos"],)]
    assert query(empty_url, "select extnamespace::regnamespace::text from pg_extension where extname = 'vector'") == [
        ("extensions",)]
