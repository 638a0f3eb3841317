"""`schema_tool diff` on the real schema: nothing after `up`; exactly the drift made by hand, and SQL that restores it."""

from __future__ import annotations

import json

from tests.toy import ROOT, cli, execute

DRIFT = (
    "drop policy campaigns_owner on public.campaigns",
    "create or replace function public.stamp_resolved_at() returns trigger language plpgsql "
    "set search_path = '' as $$ begin return new; end $$",
    "alter table public.leads add column nickname text",
    "create index leads_nickname_idx on public.leads (nickname)",
    "alter table public.webhooks disable row level security",
    "revoke select on public.campaigns from authenticated",
)


def diff(*args: str, url: str):
    return cli("diff", "--project", str(ROOT), "--database-url", url, *args, timeout=120)


def test_after_up_diff_reports_nothing(migrated_url):
    result = diff("--check", url=migrated_url)
    assert result.code == 0, result.out + result.err


def test_hand_made_drift_is_reported_exactly_and_restored_by_the_sql(migrated_url):
    execute(migrated_url, *DRIFT)
    report = json.loads(diff("--json", url=migrated_url).out)
    found = sorted((c["kind"], c["action"], c["name"]) for c in report["changes"])
    assert found == [
        ("column", "extra", "public.leads.nickname"),
        ("function", "changed", "public.stamp_resolved_at()"),
        ("index", "extra", "public.leads_nickname_idx"),
        ("policy", "missing", "campaigns_owner on public.campaigns"),
        ("privileges", "changed", "public.campaigns"),
        ("table", "changed", "public.webhooks"),
    ]
    assert diff("--check", url=migrated_url).code == 1

    guarded = diff("--sql", url=migrated_url)
    assert "drop column" not in guarded.out
    assert "left out (destructive" in guarded.err and "public.leads.nickname" in guarded.err

    restore = diff("--sql", "--allow-destructive", url=migrated_url).out
    execute(migrated_url, "begin", restore, "commit")
    assert diff("--check", url=migrated_url).code == 0


def test_from_and_to_compare_any_two_databases(migrated_url, server, template_database):
    execute(migrated_url, "alter table public.leads add column nickname text")
    result = cli("diff", "--from", server.url(template_database), "--to", migrated_url, "--json")
    changes = json.loads(result.out)["changes"]
    assert [(c["kind"], c["action"], c["name"]) for c in changes] == [("column", "missing", "public.leads.nickname")]


def test_objects_the_diff_does_not_model_are_reported(migrated_url):
    execute(migrated_url, "create type public.mood as enum ('happy', 'sad')")
    result = diff("--json", url=migrated_url)
    unmodelled = [c for c in json.loads(result.out)["changes"] if c["action"] == "unmodelled"]
    assert [(c["kind"], c["name"]) for c in unmodelled] == [("enum", "mood")]
    assert diff("--strict", url=migrated_url).code == 2
