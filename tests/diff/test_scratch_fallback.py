"""`schema_tool diff` for a user who may not create databases: the files' schema is built on a
throwaway embedded server instead, and the comparison is the same."""

from __future__ import annotations

import uuid

import psycopg

from schema_tool import project, scratch
from tests.toy import cli, execute, query

NOTES = ("-- sql/migrations/0001_notes.sql\n-- Notes: what users write down.\n\n"
         "create table public.notes (\n    id bigint generated always as identity primary key,\n"
         "    body text not null\n);\n")


def _as_role(url: str, role: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["user"] = role
    return psycopg.conninfo.make_conninfo(**params)


def test_a_user_without_createdb_gets_the_diff_from_a_throwaway_server(toy, empty_url, server):
    toy.write("migrations/0001_notes.sql", NOTES)
    assert cli("up", project=toy, url=empty_url).code == 0
    role = f"reader_{uuid.uuid4().hex[:8]}"
    execute(server.admin_url, f"create role {role} login nocreatedb")
    try:
        reader_url = _as_role(empty_url, role)
        databases_before = query(server.admin_url, "select datname from pg_database order by 1")

        clean = cli("diff", "--check", project=toy, url=reader_url, timeout=180)
        execute(empty_url, "alter table public.notes add column pinned boolean")
        drift = cli("diff", project=toy, url=reader_url, timeout=180)

        assert clean.code == 0, clean.out + clean.err
        assert "public.notes.pinned" in drift.out, drift.out + drift.err
        assert "buckets not compared: the user of the live database may not read storage.buckets" in drift.out
        assert query(server.admin_url, "select datname from pg_database order by 1") == databases_before
    finally:
        execute(server.admin_url, f"drop role {role}")


def test_on_a_throwaway_server_supabase_s_grants_come_after_the_bootstrap_s_roles(toy):
    """A Supabase project's scratch database on a server without the API roles: the project's
    bootstrap creates them, then the platform's grants name them."""
    toy.write("migrations/0001_notes.sql", NOTES)
    with scratch._throwaway_server() as admin_url:
        with scratch.scratch_database(admin_url, project.load(toy.root), scratch.SUPABASE_GRANTS) as url:
            defaults = query(url, "select a.grantee::regrole::text from pg_catalog.pg_default_acl as d "
                                  "cross join lateral aclexplode(d.defaclacl) as a "
                                  "where d.defaclnamespace = 'public'::regnamespace and d.defaclobjtype = 'r'")
            tables = query(url, "select tablename from pg_catalog.pg_tables where schemaname = 'public'")

    assert {"anon", "authenticated", "service_role"} <= {grantee for (grantee,) in defaults}
    assert tables == [("notes",)]
