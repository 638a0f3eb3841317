"""Statement builders: per object kind, the steps that create, drop or alter one object, from catalog rows.

The comparison (compare.py) and the recreation of dependents (dependants.py)
both build their statements here, so an object is created the same way
whichever of them asks.
"""

from __future__ import annotations

from schema_tool.diff.explain import changed_fields
from schema_tool.diff.grants import acl_steps, grant_steps
from schema_tool.diff.indexed import Side
from schema_tool.diff.steps import (
    ADD_CONSTRAINT, ADD_FOREIGN_KEY, ALTER_TABLE, COMMENT, CREATE_COLLATION, CREATE_ENUM, CREATE_FUNCTION,
    CREATE_INDEX, CREATE_POLICY, CREATE_SEQUENCE, CREATE_TABLE, CREATE_TRIGGER, CREATE_TYPE, CREATE_VIEW,
    DROP_COLUMN, DROP_CONSTRAINT, DROP_FOREIGN_KEY, DROP_FUNCTION, DROP_POLICY, DROP_TRIGGER, DROP_TYPE, DROP_VIEW,
    OWN_SEQUENCE, SET_RLS, Key, Step,
)
from schema_tool.diff.text import ident, literal, on, qualified, role


def comment(kind: str, target: str, old, new, key: Key | None = None) -> list[Step]:
    if old == new:
        return []
    return [Step(COMMENT, f"comment on {kind} {target} is {literal(new)}", after=(key,) if key else ())]


def create_table(t, a: Side, b: Side) -> list[Step]:
    """A table of `b`, created where `a` holds what a new object receives."""
    q = t.qualified
    columns = [c for c in b.columns[q] if not c.inherited]
    keys = (("relation", q),) + tuple(("column", f"{q}.{c.quoted}") for c in b.columns[q])
    unlogged = "unlogged " if t.persistence == "u" else ""
    if t.partition_of:
        text = f"create {unlogged}table {q} partition of {t.partition_of} {t.partition_bound}"
    else:
        body = ",\n    ".join(column_sql(c) for c in columns)
        text = f"create {unlogged}table {q} (\n    {body}\n)" if columns else f"create {unlogged}table {q} ()"
        if t.inherits:
            text += f" inherits ({', '.join(t.inherits)})"
    if t.partition_key:
        text += f" partition by {t.partition_key}"
    if t.options:
        text += f" with ({', '.join(t.options)})"
    steps = [Step(CREATE_TABLE, text, creates=keys)]
    steps += rls_steps(q, None, t)
    steps += comment("table", q, None, t.comment, keys[0])
    for c in b.columns[q]:
        steps += comment("column", f"{q}.{c.quoted}", None, c.comment, keys[0])
    steps += grant_steps(q, "table", [], b.grants[q], keys[0], fresh=a.fresh("r", t.schema))
    return steps


def create_view(v, a: Side, b: Side) -> list[Step]:
    q = v.qualified
    key = ("relation", q)
    options = f" with ({', '.join(v.options)})" if v.options else ""
    word = "materialized view" if v.materialized else "view"
    keys = (key,) + tuple(("column", f"{q}.{c.quoted}") for c in b.columns[q])
    steps = [Step(CREATE_VIEW, f"create {word} {q}{options} as\n{v.definition.rstrip().rstrip(';')}", creates=keys)]
    steps += comment(word, q, None, v.comment, key)
    for c in b.columns[q]:
        steps += comment("column", f"{q}.{c.quoted}", None, c.comment, key)
    steps += grant_steps(q, "table", [], b.grants[q], key, fresh=a.fresh("r", v.schema))
    return steps


def create_function(f, a: Side) -> list[Step]:
    kind = "procedure" if f.kind == "p" else "function"
    key = ("function", f.identity)
    steps = [Step(CREATE_FUNCTION, f.definition.strip(), creates=(key,))]
    steps += comment(kind, f.identity, None, f.comment, key)
    fresh = [f"{g}=EXECUTE" for g in sorted(a.default_grantees("f", f.schema))]
    steps += acl_steps(f"{kind} {f.identity}", fresh, f.privileges, key)
    return steps


def column_sql(c) -> str:
    text = f"{c.quoted} {c.type}"
    if c.collation:
        text += f" collate {c.collation}"
    if c.generated:
        text += f" generated always as ({c.default_value}) {'stored' if c.generated == 's' else 'virtual'}"
    elif c.default_value is not None:
        text += f" default {c.default_value}"
    if c.identity:
        text += f" generated {'always' if c.identity == 'a' else 'by default'} as identity"
    if c.not_null and not c.identity:
        text += " not null"
    return text


def _conversion(column: str, old_type: str, new_type: str, enums: set[str]) -> str:
    """The USING expression of a type change. An enum has casts to and from text only, so a column
    leaving an enum for another type passes through text (text[] for an array)."""
    if old_type.removesuffix("[]") in enums and old_type.removesuffix("[]") != new_type.removesuffix("[]"):
        through = "text[]" if old_type.endswith("[]") else "text"
        if new_type != through:
            return f"{column}::{through}::{new_type}"
    return f"{column}::{new_type}"


def alter_column(q: str, a, b, enums: set[str] = frozenset()) -> tuple[list[Step], bool]:
    key = ("column", f"{q}.{b.quoted}")
    column = b.quoted
    if a.generated != b.generated or (a.generated and a.default_value != b.default_value):
        return [Step(DROP_COLUMN, f"alter table {q} drop column {column}", drops=(key,)),
                Step(ALTER_TABLE, f"alter table {q} add column {column_sql(b)}", creates=(key,))], True
    steps = []
    prefix = f"alter table {q} alter column {column}"

    def alter(text: str, in_place: bool = True) -> Step:
        return Step(ALTER_TABLE, text, creates=(key,), drops=(key,), in_place=in_place)

    if a.type != b.type or a.collation != b.collation:
        collate = f" collate {b.collation}" if b.collation else ""
        if a.default_value is not None and not a.identity:
            steps.append(alter(f"{prefix} drop default"))
        steps.append(alter(f"{prefix} type {b.type}{collate} using {_conversion(column, a.type, b.type, enums)}",
                           in_place=False))
        if b.default_value is not None and not b.identity:
            steps.append(alter(f"{prefix} set default {b.default_value}"))
    elif a.default_value != b.default_value and not b.identity and not a.identity:
        steps.append(alter(f"{prefix} drop default" if b.default_value is None
                           else f"{prefix} set default {b.default_value}"))
    if a.identity != b.identity:
        if not b.identity:
            steps.append(alter(f"{prefix} drop identity"))
        elif not a.identity:
            if a.default_value is not None:
                steps.append(alter(f"{prefix} drop default"))
            if not a.not_null:  # an identity column must be declared not null first
                steps.append(alter(f"{prefix} set not null"))
            steps.append(alter(f"{prefix} add generated {'always' if b.identity == 'a' else 'by default'} "
                               f"as identity"))
        else:
            steps.append(alter(f"{prefix} set generated {'always' if b.identity == 'a' else 'by default'}"))
        if not b.identity and b.default_value is not None:
            steps.append(alter(f"{prefix} set default {b.default_value}"))
    if a.not_null != b.not_null and not (b.identity and b.not_null):
        steps.append(alter(f"{prefix} {'set' if b.not_null else 'drop'} not null"))
    return steps, False


def rls_steps(q: str, a, b) -> list[Step]:
    steps = []
    if (a.rls_enabled if a else False) != b.rls_enabled:
        steps.append(Step(SET_RLS, f"alter table {q} {'enable' if b.rls_enabled else 'disable'} row level security",
                          after=(("relation", q),)))
    if (a.rls_forced if a else False) != b.rls_forced:
        steps.append(Step(SET_RLS, f"alter table {q} {'force' if b.rls_forced else 'no force'} row level security",
                          after=(("relation", q),)))
    return steps


def create_collation(c) -> list[Step]:
    key = ("collation", c.qualified)
    provider = {"i": "icu", "c": "libc", "b": "builtin"}.get(c.provider, "libc")
    options = [f"provider = {provider}"]
    if provider == "libc":
        options += [f"lc_collate = {literal(c.lc_collate)}", f"lc_ctype = {literal(c.lc_ctype)}"]
    else:
        options.append(f"locale = {literal(c.locale)}")
    if not c.deterministic:
        options.append("deterministic = false")
    return [Step(CREATE_COLLATION, f"create collation {c.qualified} ({', '.join(options)})", creates=(key,)),
            *comment("collation", c.qualified, None, c.comment, key)]


def type_word(t) -> str:
    return "domain" if t.kind == "d" else "type"


def create_type(t) -> list[Step]:
    key = ("type", t.qualified)
    if t.kind == "e":
        text = f"create type {t.qualified} as enum ({', '.join(literal(v) for v in t.labels)})"
        phase = CREATE_ENUM
    elif t.kind == "d":
        text = f"create domain {t.qualified} as {t.base_type}"
        if t.collation:
            text += f" collate {t.collation}"
        if t.default_value is not None:
            text += f" default {t.default_value}"
        if t.not_null:
            text += " not null"
        for check in t.checks:
            text += f" {check}"
        phase = CREATE_TYPE
    else:
        text = f"create type {t.qualified} as ({', '.join(t.attributes)})"
        phase = CREATE_TYPE
    return [Step(phase, text, creates=(key,)), *comment(type_word(t), t.qualified, None, t.comment, key)]


def alter_type(a, b) -> tuple[list[Step], list[str], bool]:
    q = b.qualified
    key = ("type", q)
    steps, details = [], []
    if b.kind == "e" and a.labels != b.labels:
        details.append(f"labels: {a.labels} -> {b.labels}")
        if [v for v in b.labels if v in a.labels] == a.labels:
            for i, value in enumerate(b.labels):
                if value in a.labels:
                    continue
                later = next((v for v in b.labels[i + 1:] if v in a.labels), None)
                position = f" before {literal(later)}" if later else ""
                steps.append(Step(CREATE_ENUM, f"alter type {q} add value {literal(value)}{position}", creates=(key,)))
            return steps, details, False
        return ([Step(DROP_TYPE, f"drop type {q}", drops=(key,)), *create_type(b)], details, True)
    if b.kind == "d":
        if a.base_type != b.base_type or a.collation != b.collation:
            details += changed_fields(a, b, ("base_type", "collation"))
            return [Step(DROP_TYPE, f"drop domain {q}", drops=(key,)), *create_type(b)], details, True
        if a.default_value != b.default_value:
            details.append(f"default: {a.default_value} -> {b.default_value}")
            default = "drop default" if b.default_value is None else f"set default {b.default_value}"
            steps.append(Step(CREATE_TYPE, f"alter domain {q} {default}", creates=(key,), in_place=True))
        if a.not_null != b.not_null:
            details.append(f"not_null: {a.not_null} -> {b.not_null}")
            steps.append(Step(CREATE_TYPE, f"alter domain {q} {'set' if b.not_null else 'drop'} not null",
                              creates=(key,), in_place=True))
        for check in a.checks:
            if check not in b.checks:
                name = check.split(" ", 2)[1]
                steps.append(Step(DROP_TYPE - 1, f"alter domain {q} drop constraint {name}", drops=(key,),
                                  in_place=True))
        for check in b.checks:
            if check not in a.checks:
                steps.append(Step(CREATE_TYPE, f"alter domain {q} add {check}", creates=(key,), in_place=True))
        if a.checks != b.checks:
            details.append(f"checks: {a.checks} -> {b.checks}")
    if b.kind == "c" and a.attributes != b.attributes:
        details.append(f"attributes: {a.attributes} -> {b.attributes}")
        old = {x.split(" ", 1)[0]: x for x in a.attributes}
        new = {x.split(" ", 1)[0]: x for x in b.attributes}
        for name in old:
            if name not in new:
                steps.append(Step(CREATE_TYPE, f"alter type {q} drop attribute {name}", creates=(key,), drops=(key,)))
        for name, text in new.items():
            if name not in old:
                steps.append(Step(CREATE_TYPE, f"alter type {q} add attribute {text}", creates=(key,), in_place=True))
            elif old[name] != text:
                steps.append(Step(CREATE_TYPE, f"alter type {q} alter attribute {name} type {text.split(' ', 1)[1]}",
                                  creates=(key,), drops=(key,)))
    return steps, details, False


def create_sequence(s) -> list[Step]:
    key = ("relation", s.qualified)
    text = (f"create sequence {s.qualified} as {s.type} increment by {s.increment} minvalue {s.minimum} "
            f"maxvalue {s.maximum} start with {s.start} cache {s.cache}{' cycle' if s.cycle else ''}")
    steps = [Step(CREATE_SEQUENCE, text, creates=(key,))]
    if s.owned_by:
        steps.append(Step(OWN_SEQUENCE, f"alter sequence {s.qualified} owned by {s.owned_by}",
                          after=(("column", s.owned_by), key)))
    steps += comment("sequence", s.qualified, None, s.comment, key)
    return steps


def sequence_options(a, b) -> str:
    parts = []
    if a.type != b.type:
        parts.append(f"as {b.type}")
    for name, word in (("increment", "increment by"), ("minimum", "minvalue"), ("maximum", "maxvalue"),
                       ("start", "start with"), ("cache", "cache")):
        if a[name] != b[name]:
            parts.append(f"{word} {b[name]}")
    if a.cycle != b.cycle:
        parts.append("cycle" if b.cycle else "no cycle")
    if b.minimum > a.minimum or b.maximum < a.maximum:
        parts.append(f"restart with {b.start}")  # the current value may fall outside the new bounds
    return " ".join(parts)


def create_constraint(c) -> list[Step]:
    q = qualified(c.schema, c.table_name)
    key = ("constraint", on(c.name, c.schema, c.table_name))
    phase = ADD_FOREIGN_KEY if c.type == "f" else ADD_CONSTRAINT
    steps = [Step(phase, f"alter table {q} add constraint {ident(c.name)} {c.definition}", creates=(key,),
                  after=(("relation", q),))]
    steps += comment(f"constraint {ident(c.name)} on", q, None, c.comment, key)
    return steps


def drop_constraint(c) -> Step:
    q = qualified(c.schema, c.table_name)
    phase = DROP_FOREIGN_KEY if c.type == "f" else DROP_CONSTRAINT
    return Step(phase, f"alter table {q} drop constraint {ident(c.name)}",
                drops=(("constraint", on(c.name, c.schema, c.table_name)),))


def create_index(i, side: Side) -> list[Step]:
    key = ("index", i.qualified)
    definition = i.definition
    table = side.tables.get(qualified(i.schema, i.table_name))
    if table is not None and table.kind == "p":
        definition = definition.replace(" ON ONLY ", " ON ", 1)  # cascade to the partitions
    steps = [Step(CREATE_INDEX, definition, creates=(key,), after=(("relation", qualified(i.schema, i.table_name)),))]
    steps += comment("index", i.qualified, None, i.comment, key)
    return steps


def drop_view(v, side: Side) -> Step:
    word = "materialized view" if v.materialized else "view"
    columns = tuple(("column", f"{v.qualified}.{c.quoted}") for c in side.columns[v.qualified])
    keys = (("relation", v.qualified),) + columns
    return Step(DROP_VIEW, f"drop {word} {v.qualified}", drops=keys)


def drop_function(f) -> Step:
    return Step(DROP_FUNCTION, f"drop {'procedure' if f.kind == 'p' else 'function'} {f.identity}",
                drops=(("function", f.identity),))


def create_trigger(t) -> list[Step]:
    q = qualified(t.schema, t.table_name)
    key = ("trigger", on(t.name, t.schema, t.table_name))
    steps = [Step(CREATE_TRIGGER, t.definition, creates=(key,),
                  after=(("relation", q), ("function", t.function_identity)))]
    if t.enabled != "O":
        steps.append(Step(CREATE_TRIGGER, trigger_state(t), after=(key,)))
    steps += comment(f"trigger {ident(t.name)} on", q, None, t.comment, key)
    return steps


def drop_trigger(t) -> Step:
    return Step(DROP_TRIGGER, f"drop trigger {ident(t.name)} on {qualified(t.schema, t.table_name)}",
                drops=(("trigger", on(t.name, t.schema, t.table_name)),))


def trigger_state(t) -> str:
    verb = {"O": "enable", "D": "disable", "R": "enable replica", "A": "enable always"}[t.enabled]
    return f"alter table {qualified(t.schema, t.table_name)} {verb} trigger {ident(t.name)}"


def create_policy(p) -> list[Step]:
    q = qualified(p.schema, p.table_name)
    key = ("policy", on(p.name, p.schema, p.table_name))
    text = (f"create policy {ident(p.name)} on {q} as {p.permissive.lower()} for {p.command.lower()} "
            f"to {', '.join(role(r) for r in p.roles)}")
    if p.using_expression:
        text += f" using ({p.using_expression})"
    if p.check_expression:
        text += f" with check ({p.check_expression})"
    steps = [Step(CREATE_POLICY, text, creates=(key,), after=(("relation", q),))]
    steps += comment(f"policy {ident(p.name)} on", q, None, p.comment, key)
    return steps


def drop_policy(p) -> Step:
    return Step(DROP_POLICY, f"drop policy {ident(p.name)} on {qualified(p.schema, p.table_name)}",
                drops=(("policy", on(p.name, p.schema, p.table_name)),))



def insert_bucket(b) -> str:
    return (f"insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values "
            f"({literal(b.id)}, {literal(b.name)}, {str(b.public).lower()}, {bucket_value(b, 'file_size_limit')}, "
            f"{bucket_value(b, 'allowed_mime_types')})")


def bucket_value(b, name: str) -> str:
    value = b[name]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "array[" + ", ".join(literal(v) for v in value) + "]::text[]" if value else "'{}'::text[]"
    if isinstance(value, (int, float)):
        return str(value)
    return literal(value)
