"""A table's pieces are found from its name, and trigger functions from theirs (CONVENTIONS.md):
every trigger of a table sits in sql/triggers/<table>.sql, made idempotent with create or replace;
a trigger function of one table is named <table>_<verb>_<what>, one shared by several tables
tg_<verb>_<what>. Read from the files, so a misplaced trigger fails here before any database runs."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from schema_tool import project
from schema_tool.sqlsplit import split
from tests.toy import ROOT

FILES = project.load(ROOT)
CREATE_TRIGGER = re.compile(r"^create\s+(or\s+replace\s+)?(constraint\s+)?trigger\s+(\w+)\s.*?\bon\s+(\w+)\.(\w+)"
                            r".*?\bexecute\s+function\s+(\w+)\.(\w+)\s*\(", re.I | re.S)
TRIGGER_FILES = FILES.layer("triggers")


def statements(f: project.SqlFile) -> list[str]:
    """The file's statements without their comment lines."""
    return [text for s in split(f.text)
            if (text := "\n".join(line for line in s.text.splitlines() if not line.lstrip().startswith("--")).strip())]


def triggers() -> list[tuple[str, str, str, str, str]]:
    """(file, trigger, schema.table, function schema, function) of every trigger the files create."""
    found = []
    for f in TRIGGER_FILES:
        for text in statements(f):
            m = CREATE_TRIGGER.match(text)
            assert m, f"{f.rel}: a triggers file holds only create or replace trigger statements, not: {text[:60]}"
            found.append((f.rel, m[3], f"{m[4]}.{m[5]}", m[6], m[7]))
    return found


def test_there_are_trigger_files():
    assert len(TRIGGER_FILES) > 40


@pytest.mark.parametrize("f", TRIGGER_FILES, ids=lambda f: f.name)
def test_a_triggers_file_holds_the_triggers_of_the_table_it_is_named_after(f):
    schema, _, table = f.name.rpartition(".")
    expected = f"{schema or 'public'}.{table}"
    for text in statements(f):
        m = CREATE_TRIGGER.match(text)
        assert m and m[1], f"{f.rel}: not an idempotent create or replace trigger: {text[:60]}"
        assert f"{m[4]}.{m[5]}" == expected, f"{f.rel} creates trigger {m[3]} on {m[4]}.{m[5]}"


def test_every_trigger_function_follows_the_naming_pattern():
    tables_of = defaultdict(set)
    for _, _, table, _, function in triggers():
        tables_of[function].add(table)
    trigger_functions = {f.name for f in FILES.layer("functions") if re.search(r"^returns\s+trigger\b", f.text, re.M | re.I)}
    assert trigger_functions == set(tables_of), "a trigger function no trigger calls, or a trigger calling none"
    for name, tables in sorted(tables_of.items()):
        if name.startswith("tg_"):
            assert len(tables) > 1, f"{name} serves only {tables}: name it <table>_<verb>_<what>"
            continue
        assert len(tables) == 1, f"{name} serves {sorted(tables)}: a shared trigger function is named tg_<verb>_<what>"
        [table] = tables
        schema, bare = table.split(".")
        prefix = f"{bare}_" if schema == "public" else f"{schema}_{bare}_"
        assert name.startswith(prefix), f"{name}, the trigger function of {table}, is named {prefix}<verb>_<what>"
