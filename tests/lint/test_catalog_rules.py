"""Each catalog rule: make the problem, see exactly one finding, fix it, see none, in a transaction
rolled back afterwards on a clone of the bootstrap layer.
A rule without a description, a hint or a case here fails the suite."""

from __future__ import annotations

import psycopg
import pytest

from schema_tool import lint, project
from tests.toy import ROOT

TENANT_TABLE = (
    "create table public.t (id uuid primary key default gen_random_uuid(), "
    "user_id uuid not null references auth.users (id) on delete cascade, updated_at timestamptz)",
    "create index t_user_id_idx on public.t (user_id)",
    "alter table public.t enable row level security",
    "create policy t_owner on public.t for all to authenticated "
    "using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id)",
)
CHILD_TABLE = (
    "alter table public.t add constraint t_id_user_id_key unique (id, user_id)",
    "create table public.c (id uuid primary key, t_id uuid not null, "
    "user_id uuid not null references auth.users (id) on delete cascade, "
    "constraint c_t_fkey foreign key (t_id, user_id) references public.t (id, user_id))",
    "create index c_user_id_idx on public.c (user_id)",
    "create index c_t_id_user_id_idx on public.c (t_id, user_id)",
)
TOUCH = (
    "create function public.touch() returns trigger language plpgsql set search_path = '' "
    "as $$ begin new.updated_at := now(); return new; end $$",
)

# rule id -> (clean setup, statements that make the problem, statements that fix it)
CASES = {
    "rls-disabled": (TENANT_TABLE, ["alter table public.t disable row level security"],
                     ["alter table public.t enable row level security"]),
    "rls-without-policy": (TENANT_TABLE, ["drop policy t_owner on public.t"],
                           [TENANT_TABLE[3]]),
    "policy-auth-per-row": (TENANT_TABLE, ["alter policy t_owner on public.t using (auth.uid() = user_id)"],
                            ["alter policy t_owner on public.t using ((select auth.uid()) = user_id)"]),
    "multiple-permissive-policies": (TENANT_TABLE, [
        "create policy t_read on public.t for select to authenticated using ((select auth.uid()) = user_id)"],
        ["drop policy t_read on public.t"]),
    "policy-without-with-check": (TENANT_TABLE, [
        "create policy t_edit on public.t for update to anon using (false)"],
        ["alter policy t_edit on public.t with check (false)"]),
    "tenant-column-nullable": (TENANT_TABLE, ["alter table public.t alter column user_id drop not null"],
                               ["alter table public.t alter column user_id set not null"]),
    "tenant-column-not-indexed": (TENANT_TABLE, ["drop index public.t_user_id_idx",  # a partial one does not count
                                                 "create index t_user_id_part_idx on public.t (user_id) where id is null"],
                                  [TENANT_TABLE[1]]),
    "foreign-key-without-index": (TENANT_TABLE + CHILD_TABLE, ["drop index public.c_t_id_user_id_idx"],
                                  [CHILD_TABLE[3]]),
    "duplicate-index": (TENANT_TABLE, ["create index t_user_id_again_idx on public.t (user_id)"],
                        ["drop index public.t_user_id_again_idx"]),
    "table-without-primary-key": (TENANT_TABLE, ["alter table public.t drop constraint t_pkey"],
                                  ["alter table public.t add primary key (id)"]),
    "function-search-path": (TOUCH, ["alter function public.touch() reset search_path"],
                             ["alter function public.touch() set search_path = ''"]),
    "security-definer-executable-by-anon": (
        TOUCH + ("alter function public.touch() security definer",
                 "revoke execute on function public.touch() from public, anon"),
        ["grant execute on function public.touch() to anon"],
        ["revoke execute on function public.touch() from anon"]),
    "view-without-security-invoker": (
        TENANT_TABLE + ("create view public.v with (security_invoker = true) as select id from public.t",),
        ["alter view public.v set (security_invoker = false)"],
        ["alter view public.v set (security_invoker = true)"]),
    "updated-at-without-trigger": (
        TENANT_TABLE + TOUCH + ("create function public.tg_stamp_updated_at() returns trigger language plpgsql "
                                "set search_path = '' as $$ begin new.updated_at := now(); return new; end $$",
                                "create trigger t_updated_at before update on public.t for each row "
                                "execute function public.tg_stamp_updated_at()"),
        ["drop trigger t_updated_at on public.t"],
        ["create trigger t_updated_at before update on public.t for each row "
         "execute function public.tg_stamp_updated_at()"]),
    "child-tenant-not-tied": (
        TENANT_TABLE + CHILD_TABLE + ("create index c_t_id_idx on public.c (t_id)",),
        ["alter table public.c drop constraint c_t_fkey",
         "alter table public.c add constraint c_t_fkey foreign key (t_id) references public.t (id)"],
        ["alter table public.c drop constraint c_t_fkey",
         "alter table public.c add constraint c_t_fkey foreign key (t_id, user_id) references public.t (id, user_id)"]),
    "public-bucket-allows-listing": (
        ("insert into storage.buckets (id, name, public) values ('pics', 'pics', true)",
         "create policy pics_own on storage.objects for select to anon, authenticated "
         "using (bucket_id = 'pics' and (storage.foldername(name))[1] = (select auth.uid())::text)"),
        ["create policy pics_list on storage.objects for select to anon using (bucket_id = 'pics')"],
        ["drop policy pics_list on storage.objects"]),
    "extension-in-public": ((), ["create extension pg_trgm schema public"],
                            ["alter extension pg_trgm set schema extensions"]),
}


# Rules that read the project's files: rule id -> (a function file with the problem, the file fixed)
FILE_CASES = {
    "function-volatility-not-stated": (
        "create or replace function public.f()\nreturns integer\nlanguage sql\nas $$ select 1 $$;\n",
        "create or replace function public.f()\nreturns integer\nlanguage sql\nimmutable\nas $$ select 1 $$;\n"),
}


def findings(conn: psycopg.Connection, rule_id: str, files: project.Project | None = None) -> list[tuple[str, str]]:
    """(object, message) of each row of one rule, run as `schema_tool lint` runs it (its settings undone
    afterwards)."""
    rule = next(r for r in lint.rules() if r.id == rule_id)
    with conn.transaction(force_rollback=True):
        lint.prepare(conn, files or project.Project(root=ROOT, files=()))
        return [(str(identity), message) for identity, message in lint.rule_rows(conn, rule)]


def execute(conn: psycopg.Connection, *statements: str) -> None:
    for statement in statements:
        conn.execute(statement)


def test_every_rule_has_a_description_a_hint_and_a_case():
    ids = [r.id for r in lint.rules()]
    assert len(ids) == len(set(ids)), "two rules share an id"
    for rule in lint.rules():
        assert rule.description.strip() and rule.hint.strip(), rule.id
    assert sorted(CASES | FILE_CASES) == sorted(ids), "every rule needs a case, and every case a rule"


def test_a_rule_id_is_its_file_stem():
    folder = ROOT / "schema_tool" / "lint_rules"
    assert sorted(r.id for r in lint.rules()) == sorted(p.stem.replace("_", "-") for p in folder.glob("*.sql"))


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_finds_exactly_the_problem_and_nothing_once_fixed(rule_id, bootstrapped_db):
    conn = bootstrapped_db  # the real bootstrap layer
    setup, problem, fix = CASES[rule_id]
    execute(conn, *setup)
    assert findings(conn, rule_id) == []
    execute(conn, *problem)
    assert len(findings(conn, rule_id)) == 1
    execute(conn, *fix)
    assert findings(conn, rule_id) == []


@pytest.mark.parametrize("rule_id", sorted(FILE_CASES))
def test_file_rule_finds_exactly_the_problem_and_nothing_once_fixed(rule_id, toy, bootstrapped_db):
    problem, fix = FILE_CASES[rule_id]
    toy.write("functions/f.sql", problem)
    assert [obj for obj, _ in findings(bootstrapped_db, rule_id, project.load(toy.root))] == ["public.f"]
    toy.write("functions/f.sql", fix)
    assert findings(bootstrapped_db, rule_id, project.load(toy.root)) == []


def test_a_rule_file_without_its_header_is_refused():
    with pytest.raises(ValueError, match="lacks description, hint"):
        lint.parse_rule("-- level: error\nselect 1", "x.sql")


def test_the_readme_lists_every_rule_with_its_level():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in lint.rules():
        assert f"| `{rule.id}` | {rule.level} |" in readme, rule.id
