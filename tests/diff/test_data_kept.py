"""Generated SQL keeps the rows it does not have to drop: an enum recreated under its columns keeps
their values, and a value the new enum cannot hold fails the whole transaction instead of losing data."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from schema_tool import diff
from tests.diff.sides import build, read

CORPUS = Path(__file__).parent / "corpus"


def _pair(name: str) -> tuple[str, str]:
    return (CORPUS / name / "a.sql").read_text(), (CORPUS / name / "b.sql").read_text()


def _apply(url: str, statements: list[str]) -> None:
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        for statement in statements:
            conn.execute(statement)


def _rows(url: str, query: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchall()


def test_an_enum_losing_a_label_keeps_the_values_of_its_columns(server, bootstrapped):
    a_sql, b_sql = _pair("enum_label_removed_under_columns")
    a_url, b_url = build(server, bootstrapped, a_sql), build(server, bootstrapped, b_sql)
    statements, left_out = diff.compare(read(a_url), read(b_url)).sql()
    assert not left_out, "recreating an enum under its columns is not destructive"

    _apply(a_url, statements)

    assert _rows(a_url, "select stage::text, history::text from public.deals order by id") == [
        ("open", "{new,open}"), ("closed", "{new,closed}")]
    assert _rows(a_url, "select enum_range(null::public.stage)::text") == [("{new,open,closed}",)]


def test_an_enum_reordered_under_a_view_a_function_and_a_policy_keeps_its_rows(server, bootstrapped):
    a_sql, b_sql = _pair("enum_reorder_under_view_and_function")
    a_url, b_url = build(server, bootstrapped, a_sql), build(server, bootstrapped, b_sql)

    _apply(a_url, diff.compare(read(a_url), read(b_url)).sql()[0])

    assert _rows(a_url, "select priority::text from public.tickets order by id") == [("high",), ("low",)]
    assert _rows(a_url, "select id from public.urgent_tickets") == [(1,)]
    assert _rows(a_url, "select max(priority)::text from public.tickets") == [("high",)]


def test_a_row_holding_a_removed_label_fails_the_transaction_and_changes_nothing(server, bootstrapped):
    a_sql, b_sql = _pair("enum_label_removed_under_columns")
    a_url, b_url = build(server, bootstrapped, a_sql), build(server, bootstrapped, b_sql)
    _apply(a_url, ["insert into public.deals (stage) values ('stale')"])
    before = read(a_url)
    statements = diff.compare(before, read(b_url)).sql()[0]

    with pytest.raises(psycopg.errors.InvalidTextRepresentation, match="stale"):
        _apply(a_url, statements)

    assert diff.compare(before, read(a_url)).changes == []
    assert _rows(a_url, "select stage::text from public.deals order by id") == [("open",), ("closed",), ("stale",)]


def test_a_domain_changing_its_base_type_keeps_the_values_of_its_columns(server, bootstrapped):
    a_sql, b_sql = _pair("domain_base_type_under_column")
    a_url, b_url = build(server, bootstrapped, a_sql), build(server, bootstrapped, b_sql)
    statements, left_out = diff.compare(read(a_url), read(b_url)).sql()
    assert not left_out

    _apply(a_url, statements)

    assert _rows(a_url, "select sku::text, aliases::text from public.products") == [("AB-1", "{AB,A1}")]
    assert _rows(a_url, "select sku::text from public.product_skus") == [("AB-1",)]
    assert _rows(a_url, "select format_type(typbasetype, typtypmod) from pg_type where typname = 'sku'") == [("text",)]


def test_a_child_keeping_a_column_its_parent_drops_keeps_its_values(server, bootstrapped):
    a_sql, b_sql = _pair("inheritance_parent_drops_column_child_keeps")
    a_url, b_url = build(server, bootstrapped, a_sql), build(server, bootstrapped, b_sql)
    report = diff.compare(read(a_url), read(b_url))
    statements, _ = report.sql(allow_destructive=True)
    assert "alter table only public.items drop column note" in statements

    _apply(a_url, statements)

    assert _rows(a_url, "select id, note, extra from public.special_items") == [(1, "kept", 7)]
    assert [c.detail for c in report.changes if c.name == "public.items.note"] == [
        "drops the column and its data; public.special_items keeps it as its own"]
