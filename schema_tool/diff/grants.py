"""The statements that set privileges: GRANT/REVOKE on schemas, functions, tables, views, sequences and
their columns, default privileges, and what a new object receives without asking."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from schema_tool.catalog import Catalog
from schema_tool.catalog import grants as grouping
from schema_tool.diff.steps import DEFAULT_PRIVILEGES, GRANT, Key, Step
from schema_tool.diff.text import ident, role

OWNER = "OWNER"  # the grantee the catalog writes for an object's owner
OBJECT_TYPES = {"r": "tables", "S": "sequences", "f": "functions", "T": "types", "n": "schemas"}


@dataclass(frozen=True)
class Fresh:
    """What a new object may have received from default privileges: grants to these grantees, and, where
    a global entry took some of a role's own privileges away, fewer than the built-in ones for its owner."""
    grantees: set[str]
    owner_reduced: bool
    owner_builtin: frozenset[str]


def acl_steps(target: str, old: list[str], new: list[str], key: Key | None = None) -> list[Step]:
    """GRANT/REVOKE turning the grantee=PRIVILEGE list `old` into `new` on a schema or function."""
    have = {tuple(p.rsplit("=", 1)) for p in old}
    want = {tuple(p.rsplit("=", 1)) for p in new}
    after = (key,) if key else ()
    steps = []
    for privilege in sorted({p for _, p in have - want}):
        grantees = sorted(role(g) for g, p in have - want if p == privilege)
        steps.append(Step(GRANT, f"revoke {privilege.lower()} on {target} from {', '.join(grantees)}", after=after))
    for privilege in sorted({p for _, p in want - have}):
        grantees = sorted(role(g) for g, p in want - have if p == privilege)
        steps.append(Step(GRANT, f"grant {privilege.lower()} on {target} to {', '.join(grantees)}", after=after))
    return steps


def grant_steps(q: str, kind: str, old: list, new: list, key: Key | None = None, fresh: Fresh | None = None,
                owner: str = "current_user") -> list[Step]:
    """GRANT/REVOKE on a table, view or sequence and its columns; `owner` names the grantee OWNER (the
    object's owner). `fresh`: the object is new and may have received default privileges: start by
    revoking everything from those grantees (from its owner too where a default privilege may have
    taken the owner's own away; else the owner starts with the built-in privileges)."""
    def name(grantee: str) -> str:
        return owner if grantee == OWNER else role(grantee)

    have, want = set(grouping.keys(old)), set(grouping.keys(new))
    after = (key,) if key else ()
    steps = []
    if fresh is not None:
        grantees = fresh.grantees | {g for g, _, _, _ in want if g != OWNER}
        if fresh.owner_reduced:
            grantees.add(OWNER)
        steps.append(Step(GRANT, f"revoke all on {kind} {q} from {', '.join(sorted(name(g) for g in grantees))}",
                          after=after))
        have = set() if fresh.owner_reduced else {(OWNER, p, None, False) for p in fresh.owner_builtin}
    # revoking a privilege on the table revokes it on every column too: the column grants to keep come back
    revoked = {(g, p) for g, p, column, _ in have - want if column is None}
    have -= {k for k in want if k[2] is not None and (k[0], k[1]) in revoked}
    for verb, pairs, word in (("revoke", have - want, "from"), ("grant", want - have, "to")):
        # table level: one statement per set of privileges; column level: one per privilege, with its
        # columns (in "grant insert, select (c)" the column list binds to select only)
        table_level, column_level = grouping.group(
            (grantee, privilege, column, grantable and verb == "grant")
            for grantee, privilege, column, grantable in pairs)
        merged: dict[tuple, list[str]] = defaultdict(list)
        for (grantee, grantable), privileges in table_level.items():
            merged[(", ".join(sorted(privileges)), grantable)].append(grantee)
        for (grantee, privilege, grantable), columns in column_level.items():
            listed = ", ".join(ident(c) for c in sorted(columns))
            merged[(f"{privilege} ({listed})", grantable)].append(grantee)
        for (privileges, grantable), grantees in sorted(merged.items()):
            option = " with grant option" if grantable else ""
            steps.append(Step(GRANT, f"{verb} {privileges} on {kind} {q} {word} "
                                     f"{', '.join(sorted(name(g) for g in grantees))}{option}", after=after))
    return steps


def default_privilege_steps(owner: str, schema: str | None, object_type: str, old: set[tuple],
                            new: set[tuple]) -> list[Step]:
    """ALTER DEFAULT PRIVILEGES turning the (grantee, privilege, grantable) entries `old` into `new`."""
    prefix = f"alter default privileges for role {owner}" + (f" in schema {ident(schema)}" if schema else "")
    objects = OBJECT_TYPES[object_type]
    steps = []
    for grantee, privilege, _ in sorted(old - new):
        steps.append(Step(DEFAULT_PRIVILEGES, f"{prefix} revoke {privilege.lower()} on {objects} "
                                              f"from {role(grantee)}"))
    for grantee, privilege, grantable in sorted(new - old):
        option = " with grant option" if grantable else ""
        steps.append(Step(DEFAULT_PRIVILEGES, f"{prefix} grant {privilege.lower()} on {objects} "
                                              f"to {role(grantee)}{option}"))
    return steps


def without_maintain(found: Catalog) -> Catalog:
    """The catalog without MAINTAIN, for a server that does not know it."""
    rows = dict(found.rows)
    for kind in ("grants", "default_privileges"):
        if rows.get(kind) is not None:
            rows[kind] = [r for r in rows[kind] if r.privilege != "MAINTAIN"]
    return replace(found, rows=rows)


def has_maintain(server_version: int) -> bool:
    """Whether the server knows the MAINTAIN table privilege (PostgreSQL 17 and later; 0: unknown)."""
    return server_version == 0 or server_version >= 170000


def builtin_defaults(owner: str, object_type: str, server_version: int = 0) -> set[tuple]:
    """What PostgreSQL grants on a new object when pg_default_acl has no global entry for its owner."""
    table = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
    everything = {"r": table + (("MAINTAIN",) if has_maintain(server_version) else ()),
                  "S": ("USAGE", "SELECT", "UPDATE"), "f": ("EXECUTE",), "T": ("USAGE",), "n": ("USAGE", "CREATE")}
    out = {(owner, p, False) for p in everything[object_type]}
    if object_type == "f":
        out.add(("PUBLIC", "EXECUTE", False))
    if object_type == "T":
        out.add(("PUBLIC", "USAGE", False))
    return out
