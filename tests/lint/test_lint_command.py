"""`schema_tool lint`: the three kinds of checks, ignores, --fail-on, --json, and the project itself."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.toy import ROOT, cli


def configured(toy):
    for name in (".sqlfluff", ".squawk.toml"):
        shutil.copy(ROOT / name, toy.root / name)
    return toy


def test_style_flags_upper_case_keywords_with_file_and_line(toy):
    configured(toy).write("functions/shout.sql", "-- sql/functions/shout.sql\n\nSELECT 1;\n")
    result = cli("lint", "--only", "style", "--json", project=toy)
    findings = json.loads(result.out)["findings"]
    assert result.code == 1
    assert [(f["rule"], f["path"], f["line"]) for f in findings] == [
        ("sqlfluff-CP01", "sql/functions/shout.sql", 3)]


def test_a_file_may_ignore_a_rule_for_itself(toy):
    configured(toy).write("functions/shout.sql",
                          "-- sql/functions/shout.sql\n-- schema_tool: ignore sqlfluff-CP01\n\nSELECT 1;\n")
    result = cli("lint", "--only", "style", "--json", project=toy)
    assert result.code == 0 and json.loads(result.out)["findings"] == []


def test_what_sqlfluff_cannot_parse_is_reported_as_info_and_does_not_fail(toy):
    configured(toy).write("functions/f.sql", "create function public.f() returns int language sql\n"
                                              "set hnsw.ef_search = 100\n"
                                              "as $$ select 1 $$;\n")
    result = cli("lint", "--only", "style", "--json", project=toy)
    findings = json.loads(result.out)["findings"]
    assert result.code == 0
    assert [(f["rule"], f["level"], f["path"], f["line"]) for f in findings] == [
        ("sqlfluff-PRS", "info", "sql/functions/f.sql", 2)]
    assert cli("lint", "--only", "style", "--fail-on", "info", project=toy).code == 1


def test_safety_flags_what_locks_an_existing_table_but_not_a_new_one(toy):
    configured(toy)
    toy.write("migrations/0001_t.sql", "create table public.t (id int primary key, n int);\n"
                                       "create index t_n_idx on public.t (n);\n")
    assert cli("lint", "--only", "safety", project=toy).code == 0
    toy.write("migrations/0002_t_name.sql", "create index t_id_n_idx on public.t (id, n);\n")
    result = cli("lint", "--only", "safety", "--json", project=toy)
    findings = json.loads(result.out)["findings"]
    assert result.code == 1
    assert [(f["rule"], f["path"]) for f in findings] == [
        ("squawk-require-concurrent-index-creation", "sql/migrations/0002_t_name.sql")]


NEW_TABLES = ("create table public.p (id uuid primary key);\n"
              "create table public.t (id uuid primary key, p_id uuid not null references public.p (id),\n"
              "    n int not null default 0, s text);\n"
              "create index t_p_id_idx on public.t (p_id);\n"
              "alter table public.t add constraint t_n_check check (n >= 0);\n"
              "alter table public.t add constraint t_s_key unique (s);\n")

# a change to the existing table public.t -> the squawk rule that must flag it
LOCKING_CHANGES = {
    "alter table public.t alter column n type bigint;": "changing-column-type",
    "alter table public.t alter column s set not null;": "adding-not-nullable-field",
    "alter table public.t add constraint t_s_nonblank check (s <> '');": "constraint-missing-not-valid",
    "alter table public.t add constraint t_p_fkey foreign key (p_id) references public.p (id);":
        "adding-foreign-key-constraint",
    "alter table public.t add constraint t_p_id_key unique (p_id);": "disallowed-unique-constraint",
}


@pytest.mark.parametrize("change", sorted(LOCKING_CHANGES), ids=lambda c: LOCKING_CHANGES[c])
def test_safety_flags_each_change_that_locks_or_rewrites_an_existing_table(toy, change):
    configured(toy).write("migrations/0001_tables.sql", NEW_TABLES)
    assert cli("lint", "--only", "safety", project=toy).code == 0  # all of it on brand-new tables
    toy.write("migrations/0002_change.sql", change + "\n")
    result = cli("lint", "--only", "safety", "--json", project=toy)
    rules = {(f["rule"], f["path"], f["line"]) for f in json.loads(result.out)["findings"]}
    assert result.code == 1
    assert (f"squawk-{LOCKING_CHANGES[change]}", "sql/migrations/0002_change.sql", 1) in rules


def test_safety_lets_a_constant_default_and_a_nullable_column_pass(toy):
    configured(toy).write("migrations/0001_tables.sql", NEW_TABLES)
    toy.write("migrations/0002_columns.sql", "alter table public.t add column x int not null default 0;\n"
                                             "alter table public.t add column note text;\n")
    assert cli("lint", "--only", "safety", project=toy).code == 0


def test_fail_on_and_ignore_decide_the_exit_code(toy):
    configured(toy).write("functions/shout.sql", "-- sql/functions/shout.sql\n\nSELECT 1;\n")
    assert cli("lint", "--only", "style", "--fail-on", "error", project=toy).code == 0
    assert cli("lint", "--only", "style", "--ignore", "sqlfluff-CP01", project=toy).code == 0
    assert cli("lint", "--only", "style", "--fail-on", "loud", project=toy).code == 2


def test_catalog_rules_run_on_a_live_database(toy, empty_url):
    configured(toy).write("migrations/0001_open.sql", "create table public.open_table (id int primary key);\n")
    assert cli("up", project=toy, url=empty_url).code == 0
    result = cli("lint", "--only", "catalog", "--json", "--database-url", empty_url, project=toy)
    rules = {f["rule"]: f for f in json.loads(result.out)["findings"]}
    assert result.code == 1
    assert rules["rls-disabled"]["object"] == "public.open_table"
    assert rules["rls-disabled"]["path"] == "sql/migrations/0001_open.sql"


def test_a_policies_file_may_silence_a_table_rule_for_its_table(toy, empty_url):
    configured(toy).write("migrations/0001_t.sql", "create table public.t (id int primary key);\n"
                                                   "alter table public.t enable row level security;\n")
    assert cli("up", project=toy, url=empty_url).code == 0
    result = cli("lint", "--only", "catalog", "--json", "--database-url", empty_url, project=toy)
    [finding] = json.loads(result.out)["findings"]
    assert (finding["rule"], finding["object"], finding["path"]) == (
        "rls-without-policy", "public.t", "sql/migrations/0001_t.sql")
    toy.write("policies/t.sql", "-- schema_tool: ignore rls-without-policy (service_role only)\n"
                                "revoke all on public.t from anon, authenticated;\n")
    result = cli("lint", "--only", "catalog", "--json", "--database-url", empty_url, project=toy)
    assert result.code == 0 and json.loads(result.out)["findings"] == []


def test_the_project_has_no_findings(migrated_url):
    """Safety and the catalog rules. Style (sqlfluff, over a minute of CPU on the whole project) is checked by
    `schema_tool lint` itself, which CI and the developer workflow run beside the suite."""
    result = cli("lint", "--only", "safety", "--only", "catalog", "--project", str(ROOT),
                 "--database-url", migrated_url)
    assert result.code == 0, result.out
    assert "0 errors, 0 warnings" in result.out


TABLE_T = "create table public.t (id int primary key, user_id uuid);\nalter table public.t enable row level security;\n"
POLICY_CASES = {
    # rule: (policies file, its text, the finding's object and identity)
    "policy-auth-per-row": (
        "policies/t.sql",
        "revoke all on public.t from anon, authenticated;\n"
        "create policy t_owner on public.t for select to authenticated using (auth.uid() = user_id);\n",
        "t_owner on public.t", {"schema": "public", "table": "t", "name": "t_owner", "kind": "policy"}),
    "public-bucket-allows-listing": (
        "policies/storage.objects.sql",
        "create policy pics_list on storage.objects for select to anon using (bucket_id = 'pics');\n",
        "pics_list on storage.objects",
        {"schema": "storage", "table": "objects", "name": "pics_list", "kind": "policy"}),
}


@pytest.mark.parametrize("rule", sorted(POLICY_CASES))
def test_a_policy_finding_names_its_policies_file_whose_ignore_comment_silences_it(rule, toy, empty_url):
    path, text, shown, identity = POLICY_CASES[rule]
    configured(toy).write("migrations/0001_t.sql", TABLE_T)
    toy.write(path, text)
    assert cli("up", project=toy, url=empty_url).code == 0

    result = cli("lint", "--only", "catalog", "--json", "--database-url", empty_url, project=toy)
    [finding] = [f for f in json.loads(result.out)["findings"] if f["rule"] == rule]
    assert (finding["object"], finding["path"], finding["identity"]) == (shown, f"sql/{path}", identity)

    toy.write(path, f"-- schema_tool: ignore {rule} (a test)\n" + text)
    result = cli("lint", "--only", "catalog", "--json", "--database-url", empty_url, project=toy)
    assert [f for f in json.loads(result.out)["findings"] if f["rule"] == rule] == []
