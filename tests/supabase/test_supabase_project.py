"""`up` and `diff` on a Supabase-shaped database (tests/supabase/base.py): as `postgres`, which is not
a superuser there, `up` applies the whole schema and leaves every auth and storage object as it was, a
second `up` does nothing, `diff --check` right after finds no drift (the README's CI recipe), the
policies hold with GoTrue's own auth.uid(), and `diff --sql` after a hand-made drift restores exactly
that drift."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest

from schema_tool import diff, extensions, project, scratch, servers
from tests.supabase.base import supabase_cluster
from tests.toy import ROOT, cli, query

pytestmark = pytest.mark.slow

PROJECT = str(ROOT)


@pytest.fixture(scope="module")
def supabase():
    with supabase_cluster(servers.server_bin_dir()) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def applied(supabase):
    """The project's files applied with `up` to a new Supabase project; what was seen around it."""
    url = supabase.new_project("project")
    before = supabase.platform_objects("project")
    first = cli("up", "--yes", project=PROJECT, url=url, timeout=600)
    history = query(url, "select count(*) from schema_tool.history")
    second = cli("up", "--yes", "--json", project=PROJECT, url=url, timeout=600)
    return {"url": url, "before": before, "after": supabase.platform_objects("project"), "first": first,
            "second": second, "history": (history, query(url, "select count(*) from schema_tool.history"))}


def test_up_applies_as_postgres_without_superuser(supabase, applied):
    assert applied["first"].code == 0, applied["first"].err
    assert query(applied["url"], "select rolsuper from pg_roles where rolname = current_user") == [(False,)]
    assert query(applied["url"], "select count(*) > 40 from pg_tables where schemaname = 'public'") == [(True,)]


def test_up_leaves_the_platform_s_auth_and_storage_objects_as_they_were(applied):
    assert applied["before"], "the base has auth and storage objects"
    assert ("trigger", "protect_objects_delete on storage.objects") in [row[:2] for row in applied["after"]]
    assert applied["after"] == applied["before"]


def test_a_second_up_does_nothing(applied):
    assert applied["second"].code == 0, applied["second"].err
    assert json.loads(applied["second"].out)["steps"] == []
    assert applied["history"][0] == applied["history"][1]


def test_diff_check_right_after_up_finds_no_drift(supabase, applied):
    """The scratch database is built on the project's own server (as its administrator, since
    `postgres` may not create vector there): the platform's grants are there too, so nothing is drift."""
    result = cli("diff", "--check", "--scratch-server", supabase.url("postgres", "supabase_admin"),
                 project=PROJECT, url=applied["url"], timeout=600)
    assert result.code == 0, result.out + result.err
    assert "No differences." in result.out


@pytest.fixture(scope="module")
def files_schema(supabase, applied):
    """The files' schema in a scratch database built as the diff builds it for this project."""
    with psycopg.connect(applied["url"]) as conn:
        platform = scratch.platform_grants(conn)
    with scratch.scratch_database(supabase.url("postgres", "supabase_admin"), project.load(ROOT), platform) as url:
        yield url


def test_without_the_platform_s_grants_the_scratch_database_would_show_drift(supabase, applied, files_schema):
    """What the rule prevents: the same scratch build without Supabase's grants reports the grants on
    schema public and postgres's default privileges as drift."""
    files = project.load(ROOT)
    with psycopg.connect(applied["url"]) as conn:
        live = diff.read_side(conn, files)
        assert scratch.platform_grants(conn) == scratch.SUPABASE_GRANTS
    with psycopg.connect(files_schema) as conn:
        assert diff.compare(live, diff.read_side(conn, files, built_from_files=True)).modelled == []
    with scratch.scratch_database(supabase.url("postgres", "supabase_admin"), files) as url:
        with psycopg.connect(url) as conn:
            bare = diff.read_side(conn, files, built_from_files=True)
    drift = sorted((c.kind, c.name) for c in diff.compare(live, bare).modelled)
    assert drift == [("default privileges", "functions of postgres in public"),
                     ("default privileges", "sequences of postgres in public"),
                     ("default privileges", "tables of postgres in public"),
                     ("schema", "public")]


def _as_user(supabase, database: str, user: uuid.UUID, *statements: str) -> list:
    """Statements run as PostgREST runs a request: log in as authenticator, switch to authenticated
    with the user's JWT claims. The last statement's rows."""
    claims = json.dumps({"sub": str(user), "role": "authenticated", "aud": "authenticated"})
    with psycopg.connect(supabase.url(database, "authenticator")) as conn:
        conn.execute("select set_config('role', 'authenticated', true), "
                     "set_config('request.jwt.claims', %s, true)", (claims,))
        rows = []
        for statement in statements:
            rows = conn.execute(statement).fetchall() if statement.lstrip().startswith("select") else \
                conn.execute(statement)
        conn.rollback()
    return rows


def test_policies_hold_with_gotrue_s_auth_uid(supabase, applied):
    url = applied["url"]
    a, b = uuid.uuid4(), uuid.uuid4()
    with psycopg.connect(url, autocommit=True) as conn:  # as postgres, as GoTrue's sign-up would
        for user in (a, b):
            conn.execute("insert into auth.users (id, aud, role, email) values (%s, 'authenticated', "
                         "'authenticated', %s)", (user, f"{user.hex[:8]}@example.test"))

    # the project's trigger on auth.users made each user's defaults; each sees only their own
    assert _as_user(supabase, "project", a, "select user_id from public.user_preferences") == [(a,)]
    assert _as_user(supabase, "project", b, "select user_id from public.user_preferences") == [(b,)]
    # storage: a user writes under their own folder only, and the platform still refuses direct deletes
    assert _as_user(supabase, "project", a, f"insert into storage.objects (bucket_id, name, owner) values "
                    f"('ai-videos', '{a}/p1/final.mp4', '{a}')", "select count(*) from storage.objects") == [(1,)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        _as_user(supabase, "project", a, f"insert into storage.objects (bucket_id, name) "
                 f"values ('ai-videos', '{b}/p1/final.mp4')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Direct deletion from storage tables"):
        _as_user(supabase, "project", a, "delete from storage.objects")


def test_diff_sql_after_a_hand_made_drift_restores_exactly_that_drift(applied, files_schema):
    """It changes the project's database by hand, then restores it."""
    url = applied["url"]
    with psycopg.connect(url, autocommit=True) as conn:  # as postgres, by hand
        conn.execute("drop policy user_preferences_select_own on public.user_preferences")
        conn.execute("alter default privileges in schema public revoke execute on functions from anon")

    files = project.load(ROOT)
    with psycopg.connect(files_schema) as conn:
        wanted = diff.read_side(conn, files, built_from_files=True)
    with psycopg.connect(url, autocommit=True) as conn:
        found = diff.compare(diff.read_side(conn, files), wanted)
        statements, _ = found.sql()
        with conn.transaction():
            for statement in statements:
                conn.execute(statement)
        again = diff.compare(diff.read_side(conn, files), wanted)

    assert sorted((c.kind, c.name) for c in found.modelled) == [
        ("default privileges", "functions of postgres in public"),
        ("policy", "user_preferences_select_own on public.user_preferences")]
    assert sorted(s.split(" on public.")[0] for s in statements if not s.startswith("set ")) == [
        "alter default privileges for role postgres in schema public grant execute on functions to anon",
        "create policy user_preferences_select_own"], statements
    assert again.modelled == []


def test_diff_s_extension_check_trusts_supautils_privileged_extensions(applied):
    """On a hosted project supautils lets postgres create the extensions its privileged_extensions
    setting lists, in a new database too: the scratch database on the live server is not refused."""
    files = project.load(ROOT)
    with psycopg.connect(applied["url"], autocommit=True) as conn:
        refused = extensions.blocked(conn, files, in_new_database=True)
        conn.execute("set supautils.privileged_extensions = 'pg_graphql, pgcrypto,vector , pg_net'")
        allowed = extensions.blocked(conn, files, in_new_database=True)
    assert len(refused) == 1 and "role 'postgres' may not create it" in refused[0]
    assert allowed == []


def test_the_bootstrap_s_stand_in_is_not_taken_for_a_supabase_project(migrated_url):
    """Its auth schema belongs to the role that applied it, not to a supabase_* role: no grants added."""
    with psycopg.connect(migrated_url) as conn:
        assert conn.execute("select nspowner::regrole::text from pg_namespace where nspname = 'auth'").fetchone()[0] \
            == "postgres"
        assert scratch.platform_grants(conn) == ()
