"""Sides of a diff test: a database built from SQL text on a template, and its catalog."""

from __future__ import annotations

import psycopg

from schema_tool import catalog, diff
from schema_tool.sqlsplit import split
from tests.toy import cli


def build(server, template: str, sql_text: str) -> str:
    name = server.create_database("side", template=template)
    url = server.url(name)
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        for statement in split(sql_text):
            conn.execute(statement.text)
    return url


def read(url: str) -> catalog.Catalog:
    with psycopg.connect(url) as conn:
        return diff.read_side(conn)


def deployed(toy, server, live_url: str, files: dict[str, str]) -> str:
    """The files (path under sql/ -> text) applied to the developer's live database and to a new
    production database; production's URL."""
    for rel, text in files.items():
        toy.write(rel, text)
    production = server.url(server.create_database("production"))
    for url in (live_url, production):
        assert cli("up", project=toy, url=url).code == 0
    return production


def files_reproduce(project, server, live_url: str, *upgraded: str) -> None:
    """A new database built from the project's files, and each database in `upgraded` (built from the
    older files) after an `up`, have no drift against the live one."""
    for url in upgraded:
        upgrade = cli("up", project=project, url=url)
        assert upgrade.code == 0, upgrade.out + upgrade.err
    fresh = server.url(server.create_database("fresh"))
    build = cli("up", project=project, url=fresh)
    assert build.code == 0, build.out + build.err
    for url in (*upgraded, fresh):
        drift = cli("diff", "--from", url, "--to", live_url)
        assert "No differences." in drift.out, drift.out
