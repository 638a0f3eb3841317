"""The report says what changed in words a person can act on: before -> after, and for long texts
the place where they start to differ."""

from __future__ import annotations

from schema_tool import diff
from tests.diff.sides import build, read

LONG = "Orders placed by customers, with their lines, totals, currency, tax, discounts and status; " * 2


def test_a_long_comment_change_shows_where_the_texts_differ(server, bootstrapped):
    before = f"create table public.orders (id int); comment on table public.orders is '{LONG}kept forever.';"
    after = f"create table public.orders (id int); comment on table public.orders is '{LONG}kept for ten years.';"

    report = diff.compare(read(build(server, bootstrapped, before)), read(build(server, bootstrapped, after)))

    [change] = report.changes
    assert (change.kind, change.action, change.name) == ("table", "changed", "public.orders")
    assert "kept forever." in change.detail and "kept for ten years." in change.detail
