"""The diff corpus: for every pair (a, b), diff(a, b) applied to a in one transaction
yields b's catalog, and a second diff reports nothing.

Each side is built inside a transaction on one shared database and rolled back after it is read:
a catalog read inside the transaction that made the objects sees what a committed one would. The
exception is a pair whose a.sql creates an enum: a value added in the transaction that created its
type is usable at once, while in production the type was committed long before the diff's script
runs; such an a is built and committed in a database of its own."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import psycopg
import pytest

from schema_tool import catalog, diff
from schema_tool.sqlsplit import split
from tests.diff.fingerprint import differences, fingerprint_of
from tests.diff.sides import build

CORPUS = Path(__file__).parent / "corpus"
PAIRS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
CREATES_AN_ENUM = re.compile(r"\bas\s+enum\b", re.I)


def normalized(found: catalog.Catalog) -> dict:
    """The catalog with column order left out (a column added later is last)."""
    rows = {}
    for kind, items in found.rows.items():
        rows[kind] = sorted(tuple(sorted((k, str(v)) for k, v in dataclasses.asdict(item).items() if k != "position"))
                            for item in items or [])
    return rows


def test_the_corpus_has_at_least_sixty_pairs():
    assert len(PAIRS) >= 60


@pytest.mark.parametrize("pair", PAIRS)
def test_diff_turns_a_into_b(pair, server, bootstrapped, bootstrapped_connection):
    check_pair(server, bootstrapped, bootstrapped_connection, pair)


def run_script(conn: psycopg.Connection, sql_text: str) -> None:
    for statement in split(sql_text):
        conn.execute(statement.text)


def check_pair(server, template: str, shared: psycopg.Connection, pair: str) -> None:
    """diff(a, b) applied to a in one transaction yields b's catalog and b's independent fingerprint;
    a second diff is empty. `shared` is an autocommit connection to a clone of `template`."""
    a_sql, b_sql = ((CORPUS / pair / side).read_text() for side in ("a.sql", "b.sql"))
    with shared.transaction(force_rollback=True):
        run_script(shared, b_sql)
        target, target_print = diff.read_side(shared), fingerprint_of(shared)
    if CREATES_AN_ENUM.search(a_sql):
        with psycopg.connect(build(server, template, a_sql)) as committed:
            turns_into(committed, target, target_print)
    else:
        with shared.transaction(force_rollback=True):
            run_script(shared, a_sql)
            turns_into(shared, target, target_print)


def turns_into(conn: psycopg.Connection, target: catalog.Catalog, target_print: dict) -> None:
    """On a connection holding side a, the diff's script, run in the connection's transaction, makes
    the target."""
    report = diff.compare(diff.read_side(conn), target)
    assert report.modelled, "the pair must differ"
    statements, left_out = report.sql(allow_destructive=True)
    assert not left_out
    for statement in statements:
        try:
            conn.execute(statement)
        except psycopg.Error as failure:
            raise AssertionError(f"{failure}\nin: {statement}\nof:\n" + ";\n".join(statements)) from None
    after = diff.read_side(conn)
    assert [(c.kind, c.action, c.name, c.detail) for c in diff.compare(after, target).changes] == []
    assert normalized(after) == normalized(target)
    unlike = differences(fingerprint_of(conn), target_print)
    assert not unlike, "\n".join(unlike)
