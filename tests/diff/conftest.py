"""Fixtures of the diff tests: a database holding only the bootstrap layer, the template of every side."""

from __future__ import annotations

import psycopg
import pytest

from schema_tool import apply, project
from tests.toy import ROOT


@pytest.fixture(scope="session")
def bootstrapped(server, tmp_path_factory) -> str:
    """A database with only the bootstrap layer, cloned for each side of each pair."""
    folder = tmp_path_factory.mktemp("bootstrap-only")
    (folder / "sql").mkdir()
    (folder / "sql" / "bootstrap").symlink_to(ROOT / "sql" / "bootstrap")
    name = server.create_database("bootstrapped")
    with psycopg.connect(server.url(name), autocommit=True) as conn:
        apply.up(conn, project.load(folder), apply.ApplyOptions())
    return name
