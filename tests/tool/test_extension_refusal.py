"""A role that may not create a required extension is stopped before anything runs, with the
extension, the role and the ways out in one line; status shows the same."""

from __future__ import annotations

import json

import psycopg

from tests.toy import cli, execute, query

TABLE_A = "create table public.a (id int primary key);\n"


def owner_without_superuser(server, prefix: str):
    """A database owned by a login role that may create databases and roles but is not a superuser (as
    `postgres` is on a self-built Supabase base)."""
    name = server.create_database(prefix)
    role = f"{name}_owner"
    with server.admin() as admin:
        admin.execute(f'create role "{role}" login createdb createrole bypassrls')
        admin.execute(f'alter database "{name}" owner to "{role}"')
        admin.execute(f'grant create on database "{name}" to "{role}"')
    return name, role, psycopg.conninfo.make_conninfo(server.url(name), user=role)


def test_up_and_diff_stop_before_anything_when_vector_cannot_be_created(toy, server):
    toy.write("migrations/0001_a.sql", TABLE_A)
    name, role, url = owner_without_superuser(server, "noext")
    try:
        up = cli("up", "--json", project=toy, url=url)
        diff = cli("diff", "--check", project=toy, url=url)
        status = cli("status", "--json", project=toy, url=url)
    finally:
        server.drop_database(name)
        execute(server.admin_url, f'drop role "{role}"')

    assert up.code == 1
    error = json.loads(up.out)["error"]
    assert f"extension vector is required and role '{role}' may not create it" in error
    assert "Dashboard" in error and "run as a superuser" in error and "nothing was applied" in error
    assert diff.code == 1 and len(diff.err.strip().splitlines()) == 1
    assert f"role '{role}' may not create it" in diff.err
    assert status.code == 1
    assert json.loads(status.out)["blocked_extensions"][0].startswith("extension vector is required")


def test_no_refusal_once_an_administrator_created_it(toy, server):
    toy.write("migrations/0001_a.sql", TABLE_A)
    name, role, url = owner_without_superuser(server, "withext")
    try:
        execute(server.url(name), "create schema extensions", "create extension vector with schema extensions")
        result = cli("up", project=toy, url=url)
        created = query(server.url(name), "select to_regclass('public.a') is not null")
    finally:
        server.drop_database(name)
        execute(server.admin_url, f'drop owned by "{role}"', f'drop role "{role}"')
    assert result.code == 0, result.err
    assert created == [(True,)]
