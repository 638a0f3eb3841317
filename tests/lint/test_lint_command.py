"""`schema_tool lint`: the three kinds of checks, ignores, --fail-on, --json, and the project itself."""

from __future__ import annotations

import json
import shutil

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


def test_the_project_has_no_findings(migrated_url):
    result = cli("lint", "--project", str(ROOT), "--database-url", migrated_url, timeout=300)
    assert result.code == 0, result.out
    assert "0 errors, 0 warnings" in result.out
