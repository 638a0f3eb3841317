"""A database built from the files as they were before each table got its own triggers file and the
trigger functions their pattern names (commit 839a991, where the triggers sat in 19 files grouped by
purpose) upgrades with `up`: every trigger stays and calls its renamed function, the grouped files
that disappeared are named by `status` without failing it, and the result has no drift against a
database built from today's files."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile

import pytest

from schema_tool import project
from tests.toy import ROOT, cli, query

OLD_LAYOUT = "839a991"
OLD_FUNCTION_NAMES = ("update_updated_at_column", "stamp_completed_at", "enforce_status_transition",
                      "audit_privacy_request", "stamp_generated_at", "stamp_resolved_at", "audit_consent_change",
                      "log_secret_operation", "sync_autopilot_lead_inbox", "handle_new_user")
TRIGGERS = """
select c.relnamespace::regnamespace::text, c.relname::text, t.tgname::text, p.proname::text
from pg_catalog.pg_trigger as t
join pg_catalog.pg_class as c on c.oid = t.tgrelid
join pg_catalog.pg_proc as p on p.oid = t.tgfoid
where not t.tgisinternal
order by 1, 2, 3
"""


@pytest.fixture
def old_layout(tmp_path):
    """The project's sql/ folder at OLD_LAYOUT, from git."""
    known = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{OLD_LAYOUT}^{{commit}}"], capture_output=True)
    if known.returncode != 0:
        pytest.skip(f"commit {OLD_LAYOUT} is not in this clone's history (a shallow clone): git fetch --unshallow")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", OLD_LAYOUT, "sql"], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tmp_path / "old", filter="data")
    return tmp_path / "old"


def test_a_database_built_from_the_grouped_trigger_files_upgrades_cleanly(old_layout, server, empty_url):
    built = cli("up", project=old_layout, url=empty_url, timeout=300)
    assert built.code == 0, built.out + built.err
    before = query(empty_url, TRIGGERS)
    assert any(function == "update_updated_at_column" for *_, function in before)

    upgrade = cli("up", project=ROOT, url=empty_url, timeout=300)

    assert upgrade.code == 0, upgrade.out + upgrade.err
    after = query(empty_url, TRIGGERS)
    assert [row[:3] for row in after] == [row[:3] for row in before], "every trigger stays, none is added"
    assert not {function for *_, function in after} & set(OLD_FUNCTION_NAMES)
    assert query(empty_url, "select proname::text from pg_catalog.pg_proc where proname = any(%s)",
                 (list(OLD_FUNCTION_NAMES),)) == [], "the old names are gone"

    status = cli("status", "--json", project=ROOT, url=empty_url)
    report = json.loads(status.out)
    assert status.code == 0, status.out
    old_files = {f.rel for f in project.load(old_layout).files if f.layer in ("functions", "triggers")}
    new_files = {f.rel for f in project.load(ROOT).files}
    assert set(report["removed_repeatables"]) == old_files - new_files
    assert "sql/triggers/updated_at.sql" in report["removed_repeatables"]
    assert report["changed_repeatables"] == [] and report["drifted_repeatables"] == []

    again = cli("up", "--json", project=ROOT, url=empty_url)
    assert json.loads(again.out)["steps"] == [], "nothing left to apply, nothing recorded for the removed files"

    fresh = server.url(server.create_database("fresh"))
    assert cli("up", project=ROOT, url=fresh, timeout=300).code == 0
    drift = cli("diff", "--from", empty_url, "--to", fresh, timeout=300)
    assert "No differences." in drift.out, drift.out


def test_a_migration_that_breaks_one_tables_trigger_reapplies_only_that_tables_file(tmp_path, migrated_url):
    """What the grouped files cost: dropping leads_updated_at re-applied updated_at.sql, and with it took
    locks on the 49 tables it covers, inside the migration's transaction. Now it is leads' file alone."""
    shutil.copytree(ROOT / "sql", tmp_path / "sql")
    migration = project.next_migration_path(tmp_path, "drop_leads_updated_at")
    migration.write_text(f"-- {migration.relative_to(tmp_path).as_posix()}\n-- A trigger dropped by a migration.\n\n"
                         "drop trigger leads_updated_at on public.leads;\n", encoding="utf-8")
    assert cli("hash", project=tmp_path).code == 0
    rel = migration.relative_to(tmp_path).as_posix()

    result = cli("up", "--json", project=tmp_path, url=migrated_url, timeout=300)

    assert result.code == 0, result.out + result.err
    assert [(s["path"], s["reason"]) for s in json.loads(result.out)["steps"]] == [
        (rel, "pending"), ("sql/triggers/leads.sql", f"its objects were changed by {rel}")]
    assert query(migrated_url, "select count(*) from pg_trigger where tgname = 'leads_updated_at'") == [(1,)]
