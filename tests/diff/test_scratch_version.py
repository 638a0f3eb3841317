"""The files' schema is compared only when built on the live server's major version: each version
prints views, functions, policies, defaults and checks in its own way, so a PostgreSQL 18 scratch
database against a PostgreSQL 15 live one (or the reverse) would report drift that is not there.
`diff` refuses that in one line naming both versions and the way out; built on the live server it
finds no drift. Uses the PostgreSQL 15 cluster of tests/pg15.py (skips where it is absent)."""

from __future__ import annotations

import psycopg
import pytest

from schema_tool import diff
from tests.pg15 import VECTOR_BLOCK
from tests.toy import cli, execute

pytestmark = pytest.mark.slow

TABLE = "create table public.projects (id int primary key, user_id int not null, cost numeric);\n"
VIEW = """create or replace view public.project_stats as
select p.user_id, count(*) as total, sum(p.cost) as cost
from public.projects as p
group by p.user_id;
"""


def _database(admin_url: str, name: str) -> str:
    execute(admin_url, f"drop database if exists {name}", f"create database {name}")
    return admin_url.replace("/postgres?", f"/{name}?")


@pytest.fixture
def project_without_vector(toy):
    """A project with the real bootstrap minus vector (PostgreSQL 15 here has no pgvector), a table
    and a view over it."""
    extensions = toy.root / "sql" / "bootstrap" / "0002_extensions.sql"
    text = extensions.read_text()
    assert VECTOR_BLOCK.search(text), "the bootstrap's vector block changed shape"
    extensions.write_text(VECTOR_BLOCK.sub("", text, count=1))
    toy.write("migrations/0001_projects.sql", TABLE)
    toy.write("views/project_stats.sql", VIEW)
    return toy


def test_the_same_view_prints_differently_on_15_and_18(pg15_url, server):  # noqa: F811
    """Why the refusal: one view, created by the same SQL on both servers, differs as printed."""
    catalogs = []
    for url in (_database(pg15_url, "printed15"), server.url(server.create_database("printed18"))):
        execute(url, TABLE, VIEW)
        with psycopg.connect(url) as conn:
            catalogs.append(diff.read_side(conn))
    assert [(c.kind, c.name) for c in diff.compare(*catalogs).modelled] == [("view", "public.project_stats")]


def test_diff_refuses_a_scratch_server_of_another_major_version(pg15_url, server,  # noqa: F811
                                                                project_without_vector):
    live15 = _database(pg15_url, "live15")
    live18 = server.url(server.create_database("live18"))
    for url in (live15, live18):
        assert cli("up", "--yes", project=project_without_vector, url=url).code == 0

    against18 = cli("diff", "--check", "--scratch-server", server.admin_url, project=project_without_vector,
                    url=live15)
    against15 = cli("diff", "--check", "--scratch-server", pg15_url, project=project_without_vector,
                    url=live18)

    assert against18.code == 2 and len(against18.err.strip().splitlines()) == 1, against18.out + against18.err
    assert "the live database runs PostgreSQL 15 and the scratch database PostgreSQL 18" in against18.err
    assert "pass --scratch-server with a PostgreSQL 15 server" in against18.err
    assert against15.code == 2 and "runs PostgreSQL 18 and the scratch database PostgreSQL 15" in against15.err


def test_built_on_the_live_postgresql_15_server_there_is_no_drift(pg15_url, project_without_vector):  # noqa: F811
    live = _database(pg15_url, "same15")
    assert cli("up", "--yes", project=project_without_vector, url=live).code == 0

    result = cli("diff", "--check", project=project_without_vector, url=live)

    assert result.code == 0, result.out + result.err
    assert "No differences." in result.out


def test_a_role_without_createdb_on_15_gets_the_refusal_not_false_drift(pg15_url,  # noqa: F811
                                                                        project_without_vector):
    """Such a role gets its scratch database on a throwaway embedded server, PostgreSQL 18."""
    live = _database(pg15_url, "nocreatedb15")
    assert cli("up", "--yes", project=project_without_vector, url=live).code == 0
    execute(pg15_url, "drop role if exists reader15", "create role reader15 login")
    try:
        result = cli("diff", "--check", project=project_without_vector,
                     url=psycopg.conninfo.make_conninfo(live, user="reader15"), timeout=180)
    finally:
        execute(pg15_url, "drop role reader15")

    assert result.code == 2, result.out + result.err
    assert "the live database runs PostgreSQL 15 and the scratch database PostgreSQL 18" in result.err
