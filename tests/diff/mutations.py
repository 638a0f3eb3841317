"""Random, valid changes to the real schema, as Hypothesis strategies.

A Mutation is a few SQL statements that change one thing (a column, an index,
a check, a foreign key, a policy, a function, a trigger, a view, a grant, a
comment, an RLS switch, an enum, a domain, an inheritance family, a
partitioned table, a rename). The strategies draw names from the real schema
(`Targets`, read from its catalog), so most mutations apply; one that the
server refuses in the state the earlier ones left is skipped by the test, so
every example is a set of changes PostgreSQL accepted. Its repr is its SQL,
so a failing example prints as the b.sql of a corpus pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from schema_tool.catalog import Catalog

ROLES = ("anon", "authenticated", "service_role")
TABLE_PRIVILEGES = ("select", "insert", "update", "delete")
NEW_TYPES = ("text", "integer", "bigint", "boolean", "jsonb", "numeric(12,2)", "timestamp with time zone",
             "uuid", "text[]", "date")
RETYPES = {"integer": ("bigint", "numeric", "text"), "smallint": ("integer", "bigint"), "text": ("character varying",),
           "character varying": ("text",), "numeric": ("numeric(18,4)", "text"), "boolean": ("text",),
           "bigint": ("numeric", "text"), "date": ("timestamp with time zone", "text"),
           "timestamp with time zone": ("text",), "jsonb": ("json", "text"), "uuid": ("text",)}


@dataclass(frozen=True)
class Mutation:
    what: str
    statements: tuple[str, ...]

    def __repr__(self) -> str:
        return f"-- {self.what}\n" + "".join(s.rstrip().rstrip(";") + ";\n" for s in self.statements)


@dataclass
class Targets:
    """What the mutations can change in the real schema."""

    tables: list[str] = field(default_factory=list)
    columns: dict[str, list] = field(default_factory=dict)
    primary_keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # table -> (column, type)
    indexes: list[str] = field(default_factory=list)
    checks: list[tuple[str, str]] = field(default_factory=list)
    foreign_keys: list[tuple[str, str]] = field(default_factory=list)
    policies: list[tuple[str, str]] = field(default_factory=list)
    triggers: list[tuple[str, str]] = field(default_factory=list)
    trigger_functions: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    view_sources: dict[str, tuple[str, list[str], str]] = field(default_factory=dict)  # definition, options, table
    enums: list[tuple[str, list[str]]] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, found: Catalog) -> Targets:
        t = cls()
        partitions = {x.qualified for x in found["tables"] if x.partition_of}
        t.tables = sorted(x.qualified for x in found["tables"]
                          if x.schema == "public" and x.kind == "r" and x.qualified not in partitions)
        for c in found["columns"]:
            q = f"{c.schema}.{c.table_name}"
            if q in t.tables and not c.inherited:
                t.columns.setdefault(q, []).append(c)
        for k in found["constraints"]:
            q = f"{k.schema}.{k.table_name}"
            if q not in t.tables or k.inherited:
                continue
            if k.type == "p" and len(k.columns) == 1:
                column = next(c for c in t.columns[q] if c.name == k.columns[0])
                t.primary_keys[q] = (column.quoted, column.type)
            elif k.type == "c":
                t.checks.append((q, k.name))
            elif k.type == "f":
                t.foreign_keys.append((q, k.name))
        t.indexes = sorted(i.qualified for i in found["indexes"]
                           if not i.backs_constraint and f"{i.schema}.{i.table_name}" in t.tables)
        t.policies = sorted((f"{p.schema}.{p.table_name}", p.name) for p in found["policies"]
                            if f"{p.schema}.{p.table_name}" in t.tables)
        t.triggers = sorted((f"{x.schema}.{x.table_name}", x.name) for x in found["triggers"]
                            if f"{x.schema}.{x.table_name}" in t.tables and not x.inherited)
        t.trigger_functions = sorted(f.identity for f in found["functions"]
                                     if f.result == "trigger" and f.schema == "public" and f.arguments == "")
        t.functions = sorted(f.identity for f in found["functions"]
                             if f.schema == "public" and f.result != "trigger" and f.kind == "f")
        t.views = sorted(v.qualified for v in found["views"] if v.schema == "public" and not v.materialized)
        for v in found["views"]:
            tables = [f"public.{r}" for r in v.reads if f"public.{r}" in t.tables]
            if v.qualified in t.views and tables:
                t.view_sources[v.qualified] = (v.definition, v.options, tables[0])
        t.enums = sorted((x.qualified, x.labels) for x in found["types"] if x.kind == "e")
        t.domains = sorted(x.qualified for x in found["types"] if x.kind == "d")
        return t


def _name(prefix: str):
    return st.integers(1, 99).map(lambda n: f"fz_{prefix}_{n}")


def _literal_for(type_name: str) -> str | None:
    return {"text": "''", "integer": "0", "bigint": "0", "boolean": "false", "jsonb": "'{}'::jsonb",
            "numeric(12,2)": "0", "timestamp with time zone": "now()", "uuid": "gen_random_uuid()",
            "text[]": "'{}'::text[]", "date": "current_date"}.get(type_name)


def mutations(t: Targets) -> st.SearchStrategy[Mutation]:
    """One random change of the real schema."""

    @st.composite
    def table(draw):
        return draw(st.sampled_from(t.tables))

    @st.composite
    def column(draw, plain: bool = True):
        q = draw(table())
        options = [c for c in t.columns[q] if not plain or (not c.identity and not c.generated)]
        return q, draw(st.sampled_from(options))

    @st.composite
    def add_column(draw):
        q, name = draw(table()), draw(_name("col"))
        kind = draw(st.sampled_from(NEW_TYPES + tuple(e for e, _ in t.enums) + tuple(t.domains)))
        text = f"alter table {q} add column {name} {kind}"
        default = _literal_for(kind)
        if default and draw(st.booleans()):
            text += f" default {default}"
            if draw(st.booleans()):
                text += " not null"
        statements = [text]
        if draw(st.booleans()):
            statements.append(f"comment on column {q}.{name} is 'fuzz {name}'")
        return Mutation("add a column", tuple(statements))

    @st.composite
    def drop_column(draw):
        q, c = draw(column(plain=False))
        return Mutation("drop a column", (f"alter table {q} drop column {c.quoted}",))

    @st.composite
    def rename_column(draw):
        q, c = draw(column(plain=False))
        return Mutation("rename a column", (f"alter table {q} rename column {c.quoted} to {c.name}_renamed",))

    @st.composite
    def retype_column(draw):
        q, c = draw(column())
        to = draw(st.sampled_from(RETYPES.get(c.type.split("(")[0], ("text",))))
        return Mutation("change a column's type", (f"alter table {q} alter column {c.quoted} type {to} "
                                                   f"using {c.quoted}::{to}",))

    @st.composite
    def column_default(draw):
        q, c = draw(column())
        literal = _literal_for(c.type)
        if c.default_value is not None and (literal is None or draw(st.booleans())):
            return Mutation("drop a default", (f"alter table {q} alter column {c.quoted} drop default",))
        return Mutation("set a default", (f"alter table {q} alter column {c.quoted} set default "
                                          f"{literal or 'null'}",))

    @st.composite
    def nullability(draw):
        q, c = draw(column())
        verb = "drop" if c.not_null else "set"
        return Mutation(f"{verb} not null", (f"alter table {q} alter column {c.quoted} {verb} not null",))

    @st.composite
    def add_index(draw):
        q, c = draw(column())
        name = draw(_name("idx"))
        where = f" where {c.quoted} is not null" if draw(st.booleans()) else ""
        unique = "unique " if draw(st.integers(0, 4)) == 0 else ""
        return Mutation("add an index", (f"create {unique}index {name} on {q} ({c.quoted}){where}",))

    @st.composite
    def drop_index(draw):
        return Mutation("drop an index", (f"drop index {draw(st.sampled_from(t.indexes))}",))

    @st.composite
    def add_check(draw):
        q, c = draw(column())
        name = draw(_name("chk"))
        valid = "" if draw(st.booleans()) else " not valid"
        return Mutation("add a check", (f"alter table {q} add constraint {name} check "
                                        f"({c.quoted} is null or length({c.quoted}::text) < 100000){valid}",))

    @st.composite
    def drop_constraint(draw):
        q, name = draw(st.sampled_from(t.checks + t.foreign_keys))
        return Mutation("drop a constraint", (f"alter table {q} drop constraint {name}",))

    @st.composite
    def add_foreign_key(draw):
        q = draw(table())
        target = draw(st.sampled_from(sorted(t.primary_keys)))
        key, kind = t.primary_keys[target]
        name = draw(_name("ref"))
        action = draw(st.sampled_from(("no action", "cascade", "set null", "restrict")))
        return Mutation("add a foreign key", (f"alter table {q} add column {name} {kind}",
                                              f"alter table {q} add constraint {name}_fkey foreign key ({name}) "
                                              f"references {target} ({key}) on delete {action}",
                                              f"create index {name}_idx on {q} ({name})"))

    @st.composite
    def policy(draw):
        if t.policies and draw(st.booleans()):
            q, name = draw(st.sampled_from(t.policies))
            if draw(st.booleans()):
                return Mutation("drop a policy", (f"drop policy {name} on {q}",))
            return Mutation("change a policy", (f"alter policy {name} on {q} to authenticated",))
        q, name = draw(table()), draw(_name("pol"))
        command = draw(st.sampled_from(("select", "insert", "update", "delete", "all")))
        using = "" if command == "insert" else " using (auth.uid() is not null)"
        check = " with check (true)" if command in ("insert", "update", "all") else ""
        restrictive = " as restrictive" if draw(st.integers(0, 3)) == 0 else ""
        return Mutation("add a policy", (f"create policy {name} on {q}{restrictive} for {command} "
                                         f"to authenticated{using}{check}",))

    @st.composite
    def function(draw):
        choice = draw(st.integers(0, 4))
        if choice == 0 or not t.functions:
            name, n = draw(_name("fn")), draw(st.integers(0, 9))
            volatility = draw(st.sampled_from(("immutable", "stable", "volatile")))
            return Mutation("add a function", (
                f"create function public.{name}(x integer) returns integer language sql {volatility} "
                f"set search_path = '' as $$ select x + {n} $$",
                f"revoke execute on function public.{name}(integer) from public, anon"))
        f = draw(st.sampled_from(t.functions))
        if choice == 1:
            return Mutation("change a function's volatility", (f"alter function {f} volatile",))
        if choice == 2:
            return Mutation("comment a function", (f"comment on function {f} is 'fuzz'",))
        if choice == 3:
            return Mutation("grant a function", (f"grant execute on function {f} to anon",))
        return Mutation("revoke a function", (f"revoke execute on function {f} from authenticated",))

    @st.composite
    def trigger(draw):
        if t.triggers and draw(st.booleans()):
            q, name = draw(st.sampled_from(t.triggers))
            verb = draw(st.sampled_from(("drop", "disable", "comment")))
            if verb == "drop":
                return Mutation("drop a trigger", (f"drop trigger {name} on {q}",))
            if verb == "comment":
                return Mutation("comment a trigger", (f"comment on trigger {name} on {q} is 'fuzz'",))
            return Mutation("disable a trigger", (f"alter table {q} disable trigger {name}",))
        q, name = draw(table()), draw(_name("trg"))
        fn = draw(st.sampled_from(t.trigger_functions))
        timing = draw(st.sampled_from(("before update", "after insert or delete", "before insert or update")))
        return Mutation("add a trigger", (f"create trigger {name} {timing} on {q} for each row "
                                          f"execute function {fn}",))

    @st.composite
    def view(draw):
        choice = draw(st.integers(0, 3))
        if choice == 0 and t.views:
            v = draw(st.sampled_from(t.views))
            return Mutation("comment and grant a view", (f"comment on view {v} is 'fuzz'",
                                                         f"grant select on {v} to anon"))
        q, c = draw(column(plain=False))
        name = draw(_name("view"))
        statements = [f"create view public.{name} with (security_invoker = true) as "
                      f"select {c.quoted} as value from {q}"]
        if choice >= 2:  # a view over the view
            statements.append(f"create view public.{name}_top with (security_invoker = true) as "
                              f"select value from public.{name} where value is not null")
            statements.append(f"grant select on public.{name}_top to authenticated")
        return Mutation("add a view", tuple(statements))

    @st.composite
    def retype_under_view(draw):
        """A column of a table a real view reads changes type: the view is dropped and created again
        around it (losing its grants and comment, or getting new ones)."""
        v = draw(st.sampled_from(sorted(t.view_sources)))
        definition, options, q = t.view_sources[v]
        c = draw(st.sampled_from([c for c in t.columns[q] if not c.identity and not c.generated]))
        to = draw(st.sampled_from(RETYPES.get(c.type.split("(")[0], ("text",))))
        with_options = f" with ({', '.join(options)})" if options else ""
        statements = [f"drop view {v}",
                      f"alter table {q} alter column {c.quoted} type {to} using {c.quoted}::{to}",
                      f"create view {v}{with_options} as {definition.rstrip().rstrip(';')}"]
        if draw(st.booleans()):
            statements.append(f"comment on view {v} is 'fuzz'")
        if draw(st.booleans()):
            statements.append(f"grant select on {v} to authenticated")
        return Mutation("change a column's type under a view", tuple(statements))

    @st.composite
    def grant(draw):
        q, who = draw(table()), draw(st.sampled_from(ROLES))
        choice = draw(st.integers(0, 3))
        if choice == 0:
            privileges = draw(st.lists(st.sampled_from(TABLE_PRIVILEGES), min_size=1, max_size=3, unique=True))
            return Mutation("revoke on a table", (f"revoke {', '.join(privileges)} on {q} from {who}",))
        if choice == 1:
            return Mutation("grant on a table", (f"grant select, insert on {q} to {who}",))
        columns = draw(st.lists(st.sampled_from([c.quoted for c in t.columns[q]]), min_size=1, max_size=3,
                                unique=True))
        privilege = draw(st.sampled_from(("select", "update", "insert")))
        if choice == 2:
            return Mutation("grant on columns", (f"revoke all on {q} from {who}",
                                                 f"grant {privilege} ({', '.join(columns)}) on {q} to {who}"))
        return Mutation("grant on columns and drop one", (
            f"revoke all on {q} from {who}", f"grant {privilege} ({', '.join(columns)}) on {q} to {who}",
            f"alter table {q} drop column {columns[0]}"))

    @st.composite
    def comment(draw):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            return Mutation("comment a table", (f"comment on table {draw(table())} is 'fuzz'",))
        if choice == 1:
            q, c = draw(column(plain=False))
            return Mutation("comment a column", (f"comment on column {q}.{c.quoted} is 'fuzz'",))
        return Mutation("comment an index", (f"comment on index {draw(st.sampled_from(t.indexes))} is 'fuzz'",))

    @st.composite
    def rls(draw):
        q = draw(table())
        verb = draw(st.sampled_from(("disable", "force", "no force")))
        return Mutation(f"{verb} row level security", (f"alter table {q} {verb} row level security",))

    @st.composite
    def enum(draw):
        if t.enums and draw(st.booleans()):
            e, labels = draw(st.sampled_from(t.enums))
            position = draw(st.sampled_from(["", f" before '{labels[0]}'", f" after '{labels[-1]}'"]))
            return Mutation("add an enum label", (f"alter type {e} add value 'fz_label'{position}",))
        name = draw(_name("enum"))
        q = draw(table())
        return Mutation("add an enum and a column of it", (
            f"create type public.{name} as enum ('one', 'two')",
            f"alter table {q} add column {name} public.{name} default 'one'"))

    @st.composite
    def domain(draw):
        name, q = draw(_name("dom")), draw(table())
        limit = draw(st.integers(10, 500))
        statements = [f"create domain public.{name} as text check (length(value) < {limit})",
                      f"alter table {q} add column {name} public.{name}"]
        if draw(st.booleans()):
            statements.append(f"alter domain public.{name} set default 'x'")
        return Mutation("add a domain and a column of it", tuple(statements))

    @st.composite
    def inheritance(draw):
        name = draw(_name("parent"))
        statements = [f"create table public.{name} (id bigint not null, note text, amount integer)",
                      f"create table public.{name}_child (extra integer) inherits (public.{name})"]
        if draw(st.booleans()):
            statements.append(f"alter table only public.{name} drop column note")
        if draw(st.booleans()):
            statements.append(f"alter table public.{name} alter column amount set default 1")
        return Mutation("add an inheritance family", tuple(statements))

    @st.composite
    def partitions(draw):
        name = draw(_name("events"))
        statements = [f"create table public.{name} (id bigint not null, at date not null, kind text) "
                      f"partition by range (at)",
                      f"create table public.{name}_2026 partition of public.{name} "
                      f"for values from ('2026-01-01') to ('2027-01-01')",
                      f"create index {name}_kind_idx on public.{name} (kind)"]
        if draw(st.booleans()):
            statements.append(f"create table public.{name}_default partition of public.{name} default")
        if draw(st.booleans()):
            statements.append(f"alter table public.{name} enable row level security")
        return Mutation("add a partitioned table", tuple(statements))

    @st.composite
    def rename(draw):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            q = draw(table())
            return Mutation("rename a table", (f"alter table {q} rename to {q.split('.')[1]}_renamed",))
        if choice == 1 and t.indexes:
            i = draw(st.sampled_from(t.indexes))
            return Mutation("rename an index", (f"alter index {i} rename to {i.split('.')[1]}_renamed",))
        if t.policies:
            q, name = draw(st.sampled_from(t.policies))
            return Mutation("rename a policy", (f"alter policy {name} on {q} rename to {name}_renamed",))
        return Mutation("rename a table", (f"alter table {draw(table())} rename to fz_renamed",))

    return st.one_of(add_column(), drop_column(), rename_column(), retype_column(), column_default(),
                     nullability(), add_index(), drop_index(), add_check(), drop_constraint(), add_foreign_key(),
                     policy(), function(), trigger(), view(), retype_under_view(), grant(), comment(), rls(), enum(), domain(),
                     inheritance(), partitions(), rename())
