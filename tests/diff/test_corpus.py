"""The diff corpus: for every pair (a, b), diff(a, b) applied to a in one transaction
yields b's catalog, and a second diff reports nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import psycopg
import pytest

from schema_tool import catalog, diff
from tests.diff.fingerprint import differences, fingerprint
from tests.diff.sides import build, read

CORPUS = Path(__file__).parent / "corpus"
PAIRS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


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
def test_diff_turns_a_into_b(pair, server, bootstrapped):
    check_pair(server, bootstrapped, pair)


def check_pair(server, template: str, pair: str) -> None:
    """diff(a, b) applied to a in one transaction yields b's catalog and b's independent fingerprint;
    a second diff is empty."""
    a_url = build(server, template, (CORPUS / pair / "a.sql").read_text())
    b_url = build(server, template, (CORPUS / pair / "b.sql").read_text())
    target = read(b_url)
    report = diff.compare(read(a_url), target)
    assert report.modelled, "the pair must differ"
    statements, left_out = report.sql(allow_destructive=True)
    assert not left_out
    with psycopg.connect(a_url, autocommit=True) as conn, conn.transaction():
        for statement in statements:
            try:
                conn.execute(statement)
            except psycopg.Error as failure:
                raise AssertionError(f"{failure}\nin: {statement}\nof:\n" + ";\n".join(statements)) from None
    after = read(a_url)
    assert [(c.kind, c.action, c.name, c.detail) for c in diff.compare(after, target).changes] == []
    assert normalized(after) == normalized(target)
    unlike = differences(fingerprint(a_url), fingerprint(b_url))
    assert not unlike, "\n".join(unlike)
