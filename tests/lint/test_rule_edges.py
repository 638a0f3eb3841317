"""The catalog rules at their edges: the forms they must accept, the ones they must not,
and the schemas they must leave alone."""

from __future__ import annotations

import psycopg
import pytest

from schema_tool import lint
from tests.lint.test_catalog_rules import CHILD_TABLE, TENANT_TABLE, execute, findings
from schema_tool.project import Project
from tests.toy import ROOT


@pytest.fixture
def tenant_db(bootstrapped_db) -> psycopg.Connection:
    """The real bootstrap layer (auth, storage, roles) and the tenant table t, in a transaction rolled back
    after the test."""
    execute(bootstrapped_db, *TENANT_TABLE)
    return bootstrapped_db


def all_findings(conn: psycopg.Connection) -> list[lint.Finding]:
    return lint.catalog_findings(conn, Project(root=ROOT, files=()))


WRAPPED = {
    "plain": "(select auth.uid()) = user_id",
    "cast inside": "(select auth.uid()::text) = user_id::text",
    "cast outside": "(select auth.uid())::text = user_id::text",
    "json inside": "(select auth.jwt() ->> 'role') = 'authenticated'",
    "json outside": "((select auth.jwt()) ->> 'role') = 'authenticated'",
    "in sub-select": "user_id in (select auth.uid())",
}


@pytest.mark.parametrize("form", sorted(WRAPPED))
def test_policy_auth_per_row_accepts_a_wrapped_call(tenant_db, form):
    execute(tenant_db, f"alter policy t_owner on public.t using ({WRAPPED[form]}) with check ({WRAPPED[form]})")
    assert findings(tenant_db, "policy-auth-per-row") == []


def test_policy_auth_per_row_flags_a_comparison_inside_the_sub_select(tenant_db):
    # correlated with the row: the sub-select, and the call in it, run per row
    execute(tenant_db, "alter policy t_owner on public.t using ((select auth.uid() = user_id))")
    assert [message for _, message in findings(tenant_db, "policy-auth-per-row")] == [
        "auth.uid()/auth.jwt() called per row in USING"]


def test_policy_auth_per_row_names_both_clauses_in_one_finding(tenant_db):
    execute(tenant_db, "alter policy t_owner on public.t using (auth.uid() = user_id) "
                          "with check (auth.uid() = user_id)")
    assert [message for _, message in findings(tenant_db, "policy-auth-per-row")] == [
        "auth.uid()/auth.jwt() called per row in USING and WITH CHECK"]


def test_a_policy_to_public_overlaps_one_to_authenticated(tenant_db):
    execute(tenant_db, "create policy t_everyone on public.t for select using (true)")
    assert [message for _, message in findings(tenant_db, "multiple-permissive-policies")] == [
        "permissive policies t_everyone, t_owner all apply to authenticated on SELECT"]


def test_two_overlapping_all_policies_are_one_finding(tenant_db):
    execute(tenant_db, "create policy t_again on public.t for all to authenticated "
                          "using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id)")
    assert [message for _, message in findings(tenant_db, "multiple-permissive-policies")] == [
        "permissive policies t_again, t_owner all apply to authenticated on DELETE, INSERT, SELECT, UPDATE"]


def test_a_restrictive_policy_does_not_overlap(tenant_db):
    execute(tenant_db, "create policy t_limit on public.t as restrictive for select to authenticated "
                          "using (user_id is not null)")
    assert findings(tenant_db, "multiple-permissive-policies") == []


def test_an_all_policy_without_with_check_is_flagged(tenant_db):
    execute(tenant_db, "drop policy t_owner on public.t",
            "create policy t_owner on public.t for all to authenticated using ((select auth.uid()) = user_id)")
    assert [message for _, message in findings(tenant_db, "policy-without-with-check")] == [
        "ALL policy without WITH CHECK"]


@pytest.mark.parametrize("spelling", ["true", "on", "1", "yes"])
def test_security_invoker_in_any_boolean_spelling(tenant_db, spelling):
    execute(tenant_db, f"create view public.v with (security_invoker = {spelling}) as select id from public.t")
    assert findings(tenant_db, "view-without-security-invoker") == []
    execute(tenant_db, "alter view public.v set (security_invoker = off)")
    assert len(findings(tenant_db, "view-without-security-invoker")) == 1


def test_a_child_key_pairing_the_tenant_with_another_parent_column_is_flagged(tenant_db):
    execute(tenant_db, *CHILD_TABLE)
    execute(tenant_db,
            "alter table public.t add column owner_copy uuid",
            "alter table public.t add constraint t_id_owner_copy_key unique (id, owner_copy)",
            "alter table public.c drop constraint c_t_fkey",
            "alter table public.c add constraint c_t_fkey foreign key (t_id, user_id) "
            "references public.t (id, owner_copy)")
    assert [message for _, message in findings(tenant_db, "child-tenant-not-tied")] == [
        "foreign key c_t_fkey to t does not pair tenant column user_id with t.user_id"]


def test_a_partial_index_covers_a_foreign_key_only_when_it_just_skips_nulls(tenant_db):
    execute(tenant_db, *CHILD_TABLE)
    execute(tenant_db, "drop index public.c_t_id_user_id_idx",
            "create index c_t_id_user_id_idx on public.c (t_id, user_id) where t_id is not null")
    assert findings(tenant_db, "foreign-key-without-index") == []
    execute(tenant_db, "drop index public.c_t_id_user_id_idx",
            "create index c_t_id_user_id_idx on public.c (t_id, user_id) where id is not null")
    assert len(findings(tenant_db, "foreign-key-without-index")) == 1


def test_a_disabled_or_after_trigger_does_not_maintain_updated_at(tenant_db):
    execute(tenant_db,
            "create function public.tg_stamp_updated_at() returns trigger language plpgsql "
            "set search_path = '' as $$ begin new.updated_at := now(); return new; end $$",
            "create trigger t_updated_at after update on public.t for each row "
            "execute function public.tg_stamp_updated_at()")
    assert len(findings(tenant_db, "updated-at-without-trigger")) == 1
    execute(tenant_db, "drop trigger t_updated_at on public.t",
            "create trigger t_updated_at before update on public.t for each row "
            "execute function public.tg_stamp_updated_at()",
            "alter table public.t disable trigger t_updated_at")
    assert len(findings(tenant_db, "updated-at-without-trigger")) == 1
    execute(tenant_db, "alter table public.t enable trigger t_updated_at")
    assert findings(tenant_db, "updated-at-without-trigger") == []


def test_the_platform_schemas_and_the_tools_own_are_left_alone(tenant_db):
    """Every kind of problem, made outside public: no rule says a word."""
    for schema in ("auth", "storage", "extensions", "schema_tool"):
        execute(tenant_db,
                f"create table {schema}.lint_probe (user_id uuid references auth.users (id), "
                f"updated_at timestamptz, a int, b int)",
                f"create index lint_probe_a_idx on {schema}.lint_probe (a)",
                f"create index lint_probe_a_again_idx on {schema}.lint_probe (a)",
                f"create function {schema}.lint_probe() returns int language sql security definer as 'select 1'",
                f"grant execute on function {schema}.lint_probe() to anon",
                f"create view {schema}.lint_probe_view as select 1 as one",
                f"alter table {schema}.lint_probe enable row level security")
    assert [(f.rule, f.object) for f in all_findings(tenant_db) if "lint_probe" in f.object + f.message] == []


def test_the_rules_run_on_a_database_without_auth_or_the_api_roles(server):
    """A plain PostgreSQL database (no bootstrap): no rule fails for want of auth.users."""
    name = server.create_database("bare")
    try:
        with psycopg.connect(server.url(name), autocommit=True) as conn:
            execute(conn, "create table public.plain (id int)")
            rules = sorted(f.rule for f in all_findings(conn))
        assert rules == ["rls-disabled", "table-without-primary-key"]
    finally:
        server.drop_database(name)


def test_a_rule_returning_other_columns_is_named_and_is_not_a_finding(tenant_db, monkeypatch):
    old_style = lint.parse_rule("-- level: error\n-- description: d\n-- hint: h\n"
                                "select 'public.t' as object, 'm' as message", "old_style.sql")
    monkeypatch.setattr(lint, "rules", lambda: (old_style,))
    with pytest.raises(lint.CheckFailed, match=r"lint rule old-style returns \(object, message\); a rule returns "
                                               r"\(schema, table, name, kind, message\)"):
        all_findings(tenant_db)


def test_a_rule_returning_an_unknown_kind_is_named(tenant_db, monkeypatch):
    odd = lint.parse_rule("-- level: error\n-- description: d\n-- hint: h\n"
                          "select 'public' as schema, null as \"table\", 't' as name, 'thing' as kind, 'm' as message",
                          "odd.sql")
    monkeypatch.setattr(lint, "rules", lambda: (odd,))
    with pytest.raises(lint.CheckFailed, match="lint rule odd returned kind 'thing'"):
        all_findings(tenant_db)


def test_a_broken_rule_is_named_and_is_not_a_finding(tenant_db, monkeypatch):
    broken = lint.parse_rule("-- level: error\n-- description: d\n-- hint: h\n"
                             "select relname from pg_catalog.no_such_catalog", "broken.sql")
    monkeypatch.setattr(lint, "rules", lambda: (broken,))
    with pytest.raises(lint.CheckFailed, match="lint rule broken failed: .*no_such_catalog") as caught:
        all_findings(tenant_db)
    assert caught.value.exit_code == 2


def test_function_search_path_leaves_aggregates_alone(tenant_db):
    """An aggregate cannot carry settings, so no search_path can be fixed on it."""
    execute(tenant_db, "create aggregate public.lint_probe_sum (integer) (sfunc = int4pl, stype = integer)")
    assert findings(tenant_db, "function-search-path") == []
    execute(tenant_db, "create function public.lint_probe_unset() returns int language sql as $$ select 1 $$")
    assert [message for _, message in findings(tenant_db, "function-search-path")] == [
        "public.lint_probe_unset(): search_path is not fixed"]
