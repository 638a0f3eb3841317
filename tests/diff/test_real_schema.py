"""`schema_tool diff` on the real schema: nothing after `up`; exactly the drift made by hand, and SQL that restores it."""

from __future__ import annotations

import json
import shutil

import psycopg

from schema_tool import apply, project
from schema_tool import diff as core
from tests.diff.sides import files_reproduce
from tests.toy import ROOT, ToyProject, cli, execute

DRIFT = (
    "drop policy campaigns_owner on public.campaigns",
    "create or replace function public.support_tickets_stamp_resolved_at() returns trigger language plpgsql "
    "set search_path = '' as $$ begin return new; end $$",
    # names no developer gives a column, so that a local change made by following the README cannot collide
    "alter table public.leads add column drift_probe text",
    "create index leads_drift_probe_idx on public.leads (drift_probe)",
    "alter table public.webhooks disable row level security",
    "revoke select on public.campaigns from authenticated",
    "alter table public.leads alter column status set default 'contacted'",
)


def diff(*args: str, url: str):
    return cli("diff", "--project", str(ROOT), "--database-url", url, *args)


def test_after_up_diff_reports_nothing(migrated_url):
    result = diff("--check", url=migrated_url)
    assert result.code == 0, result.out + result.err


def test_hand_made_drift_is_reported_exactly_and_restored_by_the_sql(migrated_url):
    execute(migrated_url, *DRIFT)
    report = json.loads(diff("--json", url=migrated_url).out)
    found = sorted((c["kind"], c["action"], c["name"]) for c in report["changes"])
    assert found == [
        ("column", "changed", "public.leads.status"),
        ("column", "extra", "public.leads.drift_probe"),
        ("function", "changed", "public.support_tickets_stamp_resolved_at()"),
        ("index", "extra", "public.leads_drift_probe_idx"),
        ("policy", "missing", "campaigns_owner on public.campaigns"),
        ("privileges", "changed", "public.campaigns"),
        ("table", "changed", "public.webhooks"),
    ]
    assert diff("--check", url=migrated_url).code == 1

    guarded = diff("--sql", url=migrated_url)
    assert "drop column" not in guarded.out
    assert "left out (destructive" in guarded.err and "public.leads.drift_probe" in guarded.err

    restore = diff("--sql", "--allow-destructive", url=migrated_url).out
    execute(migrated_url, "begin", restore, "commit")
    assert diff("--check", url=migrated_url).code == 0


def test_from_and_to_compare_any_two_databases(migrated_url, server, template_database):
    execute(migrated_url, "alter table public.leads add column drift_probe text")
    result = cli("diff", "--from", server.url(template_database), "--to", migrated_url, "--json")
    changes = json.loads(result.out)["changes"]
    assert [(c["kind"], c["action"], c["name"]) for c in changes] == [("column", "missing", "public.leads.drift_probe")]


def test_objects_the_diff_does_not_model_are_reported(migrated_url):
    execute(migrated_url, "create aggregate public.concat_all(text) (sfunc = textcat, stype = text)")
    result = diff("--json", url=migrated_url)
    unmodelled = [c for c in json.loads(result.out)["changes"] if c["action"] == "unmodelled"]
    assert [(c["kind"], c["name"]) for c in unmodelled] == [("aggregate", "public.concat_all(text)")]
    assert "in the live database" in unmodelled[0]["detail"]
    assert diff("--check", url=migrated_url).code == 0
    assert diff("--strict", url=migrated_url).code == 2


def test_enums_domains_and_sequences_are_modelled(migrated_url):
    execute(migrated_url, "create type public.mood as enum ('happy', 'sad')",
            "create domain public.short_text as text check (length(value) < 10)",
            "create sequence public.ticket_no")
    report = json.loads(diff("--json", url=migrated_url).out)
    found = sorted((c["kind"], c["action"], c["name"]) for c in report["changes"])
    assert found == [("domain", "extra", "public.short_text"), ("enum", "extra", "public.mood"),
                     ("sequence", "extra", "public.ticket_no")]
    restore = diff("--sql", url=migrated_url).out
    execute(migrated_url, "begin", restore, "commit")
    assert diff("--check", "--strict", url=migrated_url).code == 0


def _bootstrapped(server, tmp_path) -> str:
    (tmp_path / "sql").mkdir(parents=True)
    (tmp_path / "sql" / "bootstrap").symlink_to(ROOT / "sql" / "bootstrap")
    url = server.url(server.create_database("bootstrap_only"))
    with psycopg.connect(url, autocommit=True) as conn:
        apply.up(conn, project.load(tmp_path), apply.ApplyOptions())
    return url


def _apply_in_one_transaction(url: str, statements: list[str]) -> None:
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        for statement in statements:
            conn.execute(statement)


def _catalog(url: str):
    with psycopg.connect(url) as conn:
        return core.read_side(conn)


def test_the_generated_sql_builds_the_whole_schema_from_nothing_and_drops_it_again(server, template_database,
                                                                                  tmp_path):
    empty, full = _bootstrapped(server, tmp_path), server.url(template_database)
    statements, left_out = core.compare(_catalog(empty), _catalog(full)).sql()
    assert not left_out and len(statements) > 500
    _apply_in_one_transaction(empty, statements)
    assert core.compare(_catalog(empty), _catalog(full)).modelled == []

    clone = server.url(server.create_database("full_clone", template=template_database))
    nothing = _bootstrapped(server, tmp_path / "again")
    statements, left_out = core.compare(_catalog(clone), _catalog(nothing)).sql(allow_destructive=True)
    _apply_in_one_transaction(clone, statements)
    assert core.compare(_catalog(clone), _catalog(nothing)).modelled == []


def test_write_on_the_real_schema_gives_files_that_build_and_upgrade_to_the_changed_database(
        migrated_url, server, template_database, tmp_path):
    shutil.copytree(ROOT / "sql", tmp_path / "sql")
    execute(migrated_url,
            "alter table public.leads add column drift_probe text",  # a name no developer's own change takes
            "create index leads_drift_probe_idx on public.leads (created_by, drift_probe)",
            "alter table public.leads alter column company type varchar(300)",
            "create or replace function public.support_tickets_stamp_resolved_at() returns trigger language plpgsql "
            "set search_path = '' as $$ begin new.resolved_at := coalesce(new.resolved_at, now()); return new; end $$",
            "create policy webhooks_service_read on public.webhooks for select to service_role using (true)",
            "revoke delete on public.webhooks from authenticated",
            _with_first_project_column((ROOT / "sql/views/ai_video_stats.sql").read_text()))

    result = cli("diff", "--project", str(tmp_path), "--database-url", migrated_url, "--write", "lead_nicknames")

    assert result.code == 0, result.err
    written = {line.split(" ", 1)[1] for line in result.out.splitlines() if line.startswith("wrote ")}
    next_version = project.load(ROOT).latest_version + 1
    next_migration = f"sql/migrations/{next_version:04d}_lead_nicknames.sql"
    index_migration = f"sql/migrations/{next_version + 1:04d}_lead_nicknames_indexes.sql"
    assert written == {next_migration, index_migration, "sql/functions/support_tickets_stamp_resolved_at.sql",
                       "sql/policies/webhooks.sql", "sql/views/ai_video_stats.sql"}
    assert "create index concurrently if not exists leads_drift_probe_idx on public.leads" in (
        tmp_path / index_migration).read_text()
    assert "revoke all on public.ai_video_stats from anon, authenticated;" in (
        tmp_path / "sql/views/ai_video_stats.sql").read_text()
    production = server.url(server.create_database("production", template=template_database))
    files_reproduce(ToyProject(tmp_path), server, migrated_url, production)


def _with_first_project_column(view_file: str) -> str:
    """The CREATE VIEW statement of ai_video_stats with one more column."""
    statement = view_file[view_file.index("create or replace view"):view_file.index("comment on view")]
    return statement.replace("max(p.created_at) as last_project_at",
                             "max(p.created_at) as last_project_at,\n    min(p.created_at) as first_project_at")
