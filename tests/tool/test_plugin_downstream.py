"""The pytest plugin from another project's point of view: its own sql/ folder, its own rootdir and config,
its own RLS test, run by a pytest of its own against the suite's server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.toy import ROOT

NOTES_TABLE = """-- sql/migrations/0001_notes.sql
-- notes: one user's notes.

create table public.notes (
    id bigint generated always as identity primary key,
    user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
    body text not null
);

create index notes_user_id_idx on public.notes (user_id);

alter table public.notes enable row level security;
"""
NOTES_POLICIES = """-- sql/policies/notes.sql
-- Who may do what on public.notes.

revoke all on public.notes from anon, authenticated;
grant select, insert on public.notes to authenticated;

create policy notes_owner on public.notes
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
"""
RLS_TEST = '''
import psycopg
import pytest


def test_a_user_reads_only_their_own_notes(schema_db):
    alice, bob = schema_db.new_user(), schema_db.new_user()
    with schema_db.as_user(alice) as cur:
        cur.execute("insert into public.notes (body) values ('mine')")
    with schema_db.as_user(bob) as cur:
        assert cur.execute("select count(*) as n from public.notes").fetchone()["n"] == 0


def test_anon_is_refused_and_the_test_goes_on(schema_db):
    with schema_db.as_anon() as cur:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            cur.execute("select * from public.notes")
    assert schema_db.execute("select count(*) as n from public.notes").fetchone()["n"] == 0
'''


def downstream_pytest(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """pytest run in `folder` as that project's own (its rootdir and config), not under this one's."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "SCHEMA_TOOL_"))}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *args],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=600)


def test_a_downstream_project_tests_its_own_schema_with_the_plugin(tmp_path, server):
    project = tmp_path / "app"
    shutil.copytree(ROOT / "sql" / "bootstrap", project / "sql" / "bootstrap")
    (project / "sql" / "migrations").mkdir()
    (project / "sql" / "migrations" / "0001_notes.sql").write_text(NOTES_TABLE, encoding="utf-8")
    (project / "sql" / "policies").mkdir()
    (project / "sql" / "policies" / "notes.sql").write_text(NOTES_POLICIES, encoding="utf-8")
    (project / "pyproject.toml").write_text("[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n", encoding="utf-8")
    (project / "tests").mkdir()
    (project / "tests" / "test_notes.py").write_text(RLS_TEST, encoding="utf-8")

    done = downstream_pytest(project, "--schema-database-url", server.admin_url)

    # public.notes exists only in the downstream project's files: the plugin applied those, found from that
    # project's rootdir, and not this repository's
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_without_a_project_of_its_own_the_plugin_applies_the_shipped_schema(tmp_path, server):
    (tmp_path / "test_x.py").write_text(
        "def test_x(schema_db):\n"
        "    assert schema_db.execute(\"select to_regclass('public.leads') is not null as t\").fetchone()['t']\n",
        encoding="utf-8")
    done = downstream_pytest(tmp_path, "--schema-database-url", server.admin_url, "-v")  # -v undoes -q: the header
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(the schema shipped with schema_tool)" in done.stdout
    assert "1 passed" in done.stdout


def test_a_project_folder_without_sql_stops_pytest_naming_the_option(tmp_path, server):
    (tmp_path / "test_x.py").write_text("def test_x(schema_db):\n    pass\n", encoding="utf-8")
    done = downstream_pytest(tmp_path, "--schema-database-url", server.admin_url, "--schema-project", str(tmp_path))
    assert done.returncode != 0
    assert f"--schema-project {tmp_path}: no sql/ folder there" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
