"""Sides of a diff test: a database built from SQL text on a template, and its catalog."""

from __future__ import annotations

import psycopg

from schema_tool import catalog, diff
from schema_tool.sqlsplit import split


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
