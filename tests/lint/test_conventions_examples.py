"""CONVENTIONS.md's examples are what they claim: one per kind of file, in the style sqlfluff checks,
and they build on the schema (the cron job aside: it needs pg_cron and a function of its own)."""

from __future__ import annotations

import json
import re
import shutil

import psycopg

from schema_tool.sqlsplit import split
from tests.toy import ROOT, cli

EXAMPLE = re.compile(r"```sql\n(.*?)```", re.S)
PATH = re.compile(r"^-- (sql/(\w+)/\S+\.sql)$", re.M)


def examples() -> dict[str, str]:
    """path -> text of every SQL example, by the path its header names."""
    text = (ROOT / "CONVENTIONS.md").read_text(encoding="utf-8")
    return {PATH.search(block)[1]: block for block in EXAMPLE.findall(text)}


def test_there_is_an_example_of_every_kind_of_file():
    found = examples()
    layers = sorted({path.split("/")[1] for path in found})
    assert layers == ["cron", "functions", "migrations", "policies", "triggers", "views"]
    assert any(text.startswith("-- schema_tool: no-transaction\n") for text in found.values())


def test_the_examples_follow_the_style_sqlfluff_checks(toy):
    for name in (".sqlfluff", ".squawk.toml"):
        shutil.copy(ROOT / name, toy.root / name)
    for path, text in examples().items():
        toy.write(path.removeprefix("sql/"), text)
    result = cli("lint", "--only", "style", "--only", "safety", "--json", project=toy)
    assert result.code == 0, result.out
    assert [f for f in json.loads(result.out)["findings"] if f["level"] != "info"] == []


def test_the_examples_build_on_the_schema(migrated_url):
    with psycopg.connect(migrated_url, autocommit=True) as conn:
        for path, text in examples().items():
            if "/cron/" not in path:
                for statement in split(text):
                    conn.execute(statement.text)
        assert conn.execute("select relrowsecurity from pg_class where oid = 'public.lead_notes'::regclass"
                            ).fetchone() == (True,)
        assert conn.execute("select count(*) from pg_policy where polrelid = 'public.lead_notes'::regclass"
                            ).fetchone() == (1,)
        assert conn.execute("select tgname from pg_trigger where tgrelid = 'public.lead_notes'::regclass "
                            "and not tgisinternal"
                            ).fetchall() == [("lead_notes_updated_at",)]
