"""The corpus on PostgreSQL 15, the oldest server the tool supports: every pair whose SQL that server
can run (no pgvector here, no PostgreSQL 16+ syntax) turns a into b there too."""

from __future__ import annotations

import psycopg
import pytest

from schema_tool import apply, project
from tests.diff.test_corpus import CORPUS, PAIRS, check_pair
from tests.pg15 import ROOT, bootstrap_without_vector


class Pg15:
    """Databases on the PostgreSQL 15 cluster, as the corpus check wants them."""

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self.count = 0

    def url(self, name: str) -> str:
        return self.admin_url.replace("/postgres?", f"/{name}?")

    def create_database(self, prefix: str, template: str | None = None) -> str:
        self.count += 1
        name = f"{prefix}_{self.count}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"drop database if exists {name}")
            conn.execute(f"create database {name}" + (f" template {template} strategy file_copy" if template else ""))
        return name


@pytest.fixture(scope="module")
def pg15(pg15_url) -> tuple[Pg15, str, psycopg.Connection]:
    """The cluster, a bootstrapped template on it, and an autocommit connection to a clone of it."""
    server = Pg15(pg15_url)
    name = server.create_database("bootstrapped15")
    with psycopg.connect(server.url(name), autocommit=True) as conn:
        apply.up(conn, project.Project(root=ROOT, files=bootstrap_without_vector()), apply.ApplyOptions())
    with psycopg.connect(server.url(server.create_database("shared15", template=name)), autocommit=True) as shared:
        yield server, name, shared


def _runs_on_15(pair: str) -> bool:
    text = (CORPUS / pair / "a.sql").read_text() + (CORPUS / pair / "b.sql").read_text()
    return "vector" not in text


@pytest.mark.parametrize("pair", [p for p in PAIRS if _runs_on_15(p)])
def test_diff_turns_a_into_b_on_postgresql_15(pair, pg15):
    server, template, shared = pg15
    check_pair(server, template, shared, pair)
