"""The cron layer against a real pg_cron: Debian's postgresql-15-cron on the
system PostgreSQL 15, in a throwaway cluster made for this module.

That server has no pgvector, so it gets the bootstrap minus the vector
extension, the migrations the autopilot needs (campaigns, leads, AI and
automation), the real functions the jobs call, the monitor view and the cron
layer, all applied by the project's engine. No stubs: the jobs' commands run
against real tables.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from schema_tool import apply, project
from tests.pg15 import bootstrap_without_vector, with_text

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_JOBS = {
    "autopilot-daily-optimization": ("0 2 * * *", "select public.run_daily_autopilot_optimization()"),
    "autopilot-weekly-reports": ("0 9 * * 1", "select public.run_weekly_autopilot_reports()"),
    "privacy-retention-purge": ("30 3 * * *", "select public.purge_expired_user_data()"),
}
# What the cron jobs need, besides the bootstrap and the cron files.
MIGRATIONS = ("0001", "0002", "0003", "0009")
FUNCTIONS = (
    "tg_enforce_status_transition", "tg_stamp_updated_at",
    "autopilot_campaign_window", "autopilot_committed_budget", "autopilot_note_on_monitor", "autopilot_suggest",
    "run_autopilot_optimization", "run_daily_autopilot_optimization",
    "generate_autopilot_weekly_report", "run_weekly_autopilot_reports", "autopilot_cron_job_state",
)
VIEWS = ("autopilot_cron_monitor",)
def cron_project(*, touch_cron: bool = False) -> project.Project:
    """The real project's files that the cron layer needs, with the bootstrap minus vector.

    touch_cron appends a comment to each cron file, so the engine sees it
    changed and applies it again, as after an edit.
    """
    files = list(bootstrap_without_vector())
    for f in project.load(ROOT).files:
        if f.layer == "migrations" and f.version in MIGRATIONS:
            files.append(f)
        elif f.layer == "functions" and f.name in FUNCTIONS:
            files.append(f)
        elif f.layer == "views" and f.name in VIEWS:
            files.append(f)
        elif f.layer == "cron":
            files.append(with_text(f, f.text + "\n-- re-applied\n") if touch_cron else f)
    bootstrap_text = "".join(f.text for f in files if f.layer == "bootstrap")
    assert "create extension vector" not in bootstrap_text, "the bootstrap's vector block changed shape"
    assert {f.name for f in files if f.layer == "functions"} == set(FUNCTIONS)
    assert any(f.version == "0009" for f in files if f.layer == "migrations")
    return project.Project(root=ROOT, files=tuple(files))


def autopilot_jobs(conn) -> list[dict]:
    return conn.cursor(row_factory=dict_row).execute(
        "select jobname, schedule, command, active from cron.job "
        "where jobname like 'autopilot-%' or jobname like 'privacy-%' order by jobname").fetchall()


@dataclasses.dataclass
class Runs:
    fresh: apply.ApplyReport      # the first up, on an empty database
    fresh_jobs: list[dict]
    settled: apply.ApplyReport    # a second up of the same files
    settled_jobs: list[dict]
    again: apply.ApplyReport      # an up after every cron file changed
    again_jobs: list[dict]


@pytest.fixture(scope="session")
def applied(pg15_cron_url) -> Runs:
    """The three runs, once per cluster: pg_cron lives in the cluster's postgres database, so the first run
    is on an empty database only once. Scoped to the session rather than the module, so that a worker given
    this module's tests in two parts (pytest-xdist's worksteal) does not run them again on what it built."""
    with psycopg.connect(pg15_cron_url, autocommit=True) as conn:
        fresh = apply.up(conn, cron_project(), apply.ApplyOptions())
        fresh_jobs = autopilot_jobs(conn)
        settled = apply.up(conn, cron_project(), apply.ApplyOptions())
        settled_jobs = autopilot_jobs(conn)
        again = apply.up(conn, cron_project(touch_cron=True), apply.ApplyOptions())
        again_jobs = autopilot_jobs(conn)
    return Runs(fresh, fresh_jobs, settled, settled_jobs, again, again_jobs)


def cron_steps(report: apply.ApplyReport) -> list[str]:
    return sorted(s.path for s in report.applied if s.kind == "cron")


def test_pg_cron_is_installed_by_the_bootstrap(pg15_cron_url, applied):
    with psycopg.connect(pg15_cron_url) as conn:
        assert conn.execute("select extversion from pg_extension where extname = 'pg_cron'").fetchone()
        assert conn.execute("select count(*) from pg_extension where extname = 'vector'").fetchone()[0] == 0


def test_first_up_on_a_fresh_database_schedules_the_jobs(applied):
    """The bootstrap creates pg_cron in the same run, so the cron layer must not be skipped."""
    assert not [s for s in applied.fresh.skipped if s.layer == "cron"]
    assert cron_steps(applied.fresh) == [f"sql/cron/{name}.sql" for name in sorted(EXPECTED_JOBS)]
    assert [j["jobname"] for j in applied.fresh_jobs] == sorted(EXPECTED_JOBS)


def test_a_second_up_on_postgresql_15_with_pg_cron_does_nothing(applied):
    assert applied.settled.applied == []


def test_jobs_exist_with_their_schedules(applied):
    assert {j["jobname"]: (j["schedule"], j["command"]) for j in applied.settled_jobs} == EXPECTED_JOBS
    assert all(j["active"] for j in applied.settled_jobs)


def test_reapplying_the_cron_layer_does_not_duplicate_jobs(applied):
    assert cron_steps(applied.again) == [f"sql/cron/{name}.sql" for name in sorted(EXPECTED_JOBS)]
    assert [j["jobname"] for j in applied.again_jobs] == sorted(EXPECTED_JOBS)
    assert applied.again_jobs == applied.settled_jobs


def test_the_scheduled_commands_run_against_real_tables(pg15_cron_url, applied):
    """Run each job's command as pg_cron would, on a user with an active autopilot."""
    with psycopg.connect(pg15_cron_url, row_factory=dict_row) as conn:
        user = conn.execute("insert into auth.users (id, email) values (gen_random_uuid(), 'cron@example.test') "
                            "returning id").fetchone()["id"]
        conn.execute("insert into public.marketing_autopilot_config (user_id, business_description) "
                     "values (%s, 'Dog treats')", (user,))
        conn.execute("insert into public.campaigns (created_by, name, status, auto_managed, budget) "
                     "values (%s, 'waste', 'active', true, 100)", (user,))
        results = {}
        for job in conn.execute("select jobname, command from cron.job where jobname like 'autopilot-%'").fetchall():
            results[job["jobname"]] = conn.execute(job["command"]).fetchone()
        logged = conn.execute("select activity_type, metadata ->> 'trigger' as via from public.autopilot_activity_log "
                              "where user_id = %s order by activity_type", (user,)).fetchall()
        monitor = conn.execute("select job_name, cron_installed, schedule, cron_active, last_scheduled_run_at "
                               "from public.autopilot_cron_monitor order by job_name").fetchall()
        conn.rollback()
    for name, row in results.items():
        assert list(row.values())[0] == {"users_processed": 1, "users_failed": 0}, name
    assert logged == [{"activity_type": "optimization_run", "via": "scheduled"},
                      {"activity_type": "report_generated", "via": "scheduled"}]
    assert [(m["job_name"], m["cron_installed"], m["schedule"], m["cron_active"]) for m in monitor] == [
        (name, True, schedule, True) for name, (schedule, _) in sorted(EXPECTED_JOBS.items())
        if name.startswith("autopilot-")]
    assert all(m["last_scheduled_run_at"] is not None for m in monitor)


def test_service_role_reads_the_monitor_with_pg_cron(pg15_cron_url, applied):
    with psycopg.connect(pg15_cron_url) as conn:
        conn.execute("set local role service_role")
        jobs = conn.execute("select job_name, schedule from public.autopilot_cron_monitor order by 1").fetchall()
        conn.rollback()
    assert jobs == [(name, schedule) for name, (schedule, _) in sorted(EXPECTED_JOBS.items())
                    if name.startswith("autopilot-")]


def test_diff_reports_an_unscheduled_job_and_its_sql_restores_it(pg15_cron_url, applied):
    from schema_tool import diff
    from schema_tool.catalog import Catalog

    with psycopg.connect(pg15_cron_url, autocommit=True) as conn:
        conn.execute("select cron.unschedule('autopilot-weekly-reports')")
        live = diff.read_side(conn)
        files = Catalog({**live.rows, "cron_jobs": diff.cron_jobs_of_files(project.load(ROOT))})
        report = diff.compare(live, files)
        assert [(c.kind, c.action, c.name) for c in report.modelled] == [
            ("cron job", "missing", "autopilot-weekly-reports")]
        statements, _ = report.sql()
        with conn.transaction():
            for statement in statements:
                conn.execute(statement)
        assert diff.compare(diff.read_side(conn), files).modelled == []
        assert {j["jobname"]: j["schedule"] for j in autopilot_jobs(conn)} == {
            name: schedule for name, (schedule, _) in EXPECTED_JOBS.items()}


def test_diff_sees_only_this_database_s_jobs_and_restores_a_deactivated_one(pg15_cron_url, applied):
    from schema_tool import diff
    from schema_tool.catalog import Catalog

    with psycopg.connect(pg15_cron_url, autocommit=True) as conn:
        conn.execute("select cron.schedule_in_database('elsewhere-vacuum', '0 3 * * *', 'vacuum', 'template1')")
        conn.execute("select cron.alter_job(jobid, active := false) from cron.job "
                     "where jobname = 'autopilot-daily-optimization'")
        try:
            live = diff.read_side(conn)
            files = Catalog({**live.rows, "cron_jobs": diff.cron_jobs_of_files(project.load(ROOT))})
            report = diff.compare(live, files)
            assert [(c.kind, c.action, c.name, c.detail) for c in report.modelled] == [
                ("cron job", "changed", "autopilot-daily-optimization", "active: False -> True")]
            with conn.transaction():
                for statement in report.sql()[0]:
                    conn.execute(statement)
            assert diff.compare(diff.read_side(conn), files).modelled == []
            assert all(job["active"] for job in autopilot_jobs(conn))
        finally:
            conn.execute("select cron.unschedule('elsewhere-vacuum')")


def test_diff_write_captures_a_rescheduled_and_a_paused_job_in_their_files(pg15_cron_url, applied, tmp_path):
    from schema_tool import diff
    from schema_tool.catalog import Catalog

    shutil.copytree(ROOT / "sql" / "cron", tmp_path / "sql" / "cron")
    files_project = project.load(tmp_path)
    with psycopg.connect(pg15_cron_url, autocommit=True) as conn:
        conn.execute("select cron.schedule('autopilot-daily-optimization', '30 3 * * *', "
                     "'select public.run_daily_autopilot_optimization()')")
        conn.execute("select cron.alter_job(jobid, active := false) from cron.job "
                     "where jobname = 'autopilot-weekly-reports'")
        try:
            live = diff.read_side(conn)
            files = Catalog({**live.rows, "cron_jobs": diff.cron_jobs_of_files(files_project)})
            report = diff.compare(files, live)
            written = diff.write(files_project, "cron_changes", diff.DiffRun("files", "live", report, files, live),
                                 allow_destructive=False)
            assert written == ["sql/cron/autopilot-daily-optimization.sql", "sql/cron/autopilot-weekly-reports.sql"]
            expected = {j.name: (j.schedule, j.command, j.active) for j in live["cron_jobs"]}
            _reset_jobs(conn)
            for path in written:  # the written files, applied to the jobs as they were, give the live ones
                conn.execute((tmp_path / path).read_text())
            again = {j.name: (j.schedule, j.command, j.active) for j in diff.read_side(conn)["cron_jobs"]}
            assert again == expected
            assert expected["autopilot-daily-optimization"][0] == "30 3 * * *"
            assert expected["autopilot-weekly-reports"][2] is False
        finally:
            _reset_jobs(conn)


def _reset_jobs(conn) -> None:
    for name, (schedule, command) in EXPECTED_JOBS.items():
        conn.execute("select cron.schedule(%s, %s, %s)", (name, schedule, command))
        conn.execute("select cron.alter_job(jobid, active := true) from cron.job where jobname = %s", (name,))


def test_diff_write_unschedules_a_removed_job_only_where_it_is_scheduled(pg15_cron_url, applied, tmp_path):
    from schema_tool import diff
    from schema_tool.catalog import Catalog

    shutil.copytree(ROOT / "sql" / "cron", tmp_path / "sql" / "cron")
    (tmp_path / "sql" / "migrations").mkdir()
    files_project = project.load(tmp_path)
    with psycopg.connect(pg15_cron_url, autocommit=True) as conn:
        try:
            conn.execute("select cron.unschedule('autopilot-weekly-reports')")
            live = diff.read_side(conn)
            files = Catalog({**live.rows, "cron_jobs": diff.cron_jobs_of_files(files_project)})
            report = diff.compare(files, live)
            written = diff.write(files_project, "no_weekly_reports", diff.DiffRun("files", "live", report, files,
                                                                                 live), allow_destructive=False)
            assert written == ["sql/cron/autopilot-weekly-reports.sql", "sql/migrations/0001_no_weekly_reports.sql"]
            assert not (tmp_path / "sql/cron/autopilot-weekly-reports.sql").exists()
            migration = (tmp_path / "sql/migrations/0001_no_weekly_reports.sql").read_text()
            _reset_jobs(conn)
            conn.execute(migration)  # where the job is scheduled, it goes
            assert [j["jobname"] for j in autopilot_jobs(conn)] == ["autopilot-daily-optimization",
                                                                    "privacy-retention-purge"]
            conn.execute(migration)  # where it is not, nothing happens
            conn.execute("create database without_cron")
            with psycopg.connect(pg15_cron_url.replace("/postgres?", "/without_cron?"), autocommit=True) as bare:
                bare.execute(migration)  # nor where pg_cron is absent
        finally:
            _reset_jobs(conn)


def test_diff_after_up_on_a_server_with_pg_cron_finds_no_drift(pg15_cron_url, applied):
    """The scratch database cannot have pg_cron (it runs only in cron.database_name), yet the cron
    monitor has one definition on every server: no drift, and no downgrade of the view proposed."""
    from schema_tool import diff

    with psycopg.connect(pg15_cron_url, autocommit=True) as conn:
        apply.up(conn, cron_project(), apply.ApplyOptions())
    result = diff.run(cron_project(), database_url=pg15_cron_url, from_url=None, to_url=None, scratch_server=None)

    assert [(c.kind, c.name, c.detail) for c in result.report.modelled] == []
