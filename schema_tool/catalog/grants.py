"""Grants grouped the way GRANT statements and people read them: the table-level privileges of each
grantee, and the columns of each column-level privilege. The diff, `diff --write` and the docs use it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

# Every table privilege GRANT ALL gives (MAINTAIN, from PostgreSQL 17, is not needed to say "all").
TABLE_PRIVILEGES = frozenset({"select", "insert", "update", "delete", "truncate", "references", "trigger"})

GrantKey = tuple[str, str, "str | None", bool]  # grantee, privilege, column (None: the whole table), grantable


def keys(grants) -> list[GrantKey]:
    """Catalog grant rows as (grantee, privilege, column, grantable)."""
    return [(g.grantee, g.privilege, g.column_name, g.grantable) for g in grants]


def group(grants: Iterable[GrantKey]) -> tuple[dict[tuple[str, bool], set[str]], dict[tuple[str, str, bool], set[str]]]:
    """(table level, column level): {(grantee, grantable): privileges} and {(grantee, privilege, grantable):
    columns}, privileges in lower case."""
    table_level: dict[tuple[str, bool], set[str]] = defaultdict(set)
    column_level: dict[tuple[str, str, bool], set[str]] = defaultdict(set)
    for grantee, privilege, column, grantable in grants:
        if column:
            column_level[(grantee, privilege.lower(), grantable)].add(column)
        else:
            table_level[(grantee, grantable)].add(privilege.lower())
    return table_level, column_level


def privilege_list(privileges: set[str]) -> str:
    """"all" for every table privilege, else the privileges in order."""
    return "all" if privileges >= TABLE_PRIVILEGES else ", ".join(sorted(privileges))
