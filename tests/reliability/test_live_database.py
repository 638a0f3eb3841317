"""`up` against a database in use: lock waits bounded and retried while the application keeps
working, only the locks a migration needs, and waits for another run said and bounded.

Every test asserts on the order of events (a retry line, then an application query that
completes while `up` still runs) and on what pg_locks and the history show, never on times.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import psycopg

from tests.reliability.hold import GATE, OPEN
from tests.toy import ROOT, cli, execute, history, query

TABLE_A = ("create table public.a (id int primary key, n int);\n"
           "alter table public.a enable row level security;\n"
           "insert into public.a select g, g from generate_series(1, 100) as g;\n")
POLICIES_A = ("revoke all on public.a from anon, authenticated;\n"
              "grant select on public.a to authenticated;\n"
              "create policy a_read on public.a for select to authenticated using (true);\n")
HANG = 600  # seconds: only stops a hang


class Run:
    """`schema_tool up` as a separate process whose stderr lines are read as they come."""

    def __init__(self, toy, url: str, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "schema_tool", "up", "--project", str(toy.root), "--database-url", url, *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={"PATH": "/usr/bin:/bin"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, starting: str) -> str:
        deadline = time.monotonic() + HANG
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, f"up ended first: {self.seen}"
                continue
            self.seen.append(line)
            if line.startswith(starting):
                return line
        raise AssertionError(f"no line starting with {starting!r}: {self.seen}")

    def finish(self) -> tuple[int, str, list[str]]:
        out = self.process.stdout.read()
        code = self.process.wait(timeout=HANG)
        time.sleep(0.1)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code, out, self.seen


def reader(url: str) -> psycopg.Connection:
    """A session that read table a and keeps its transaction open: it holds ACCESS SHARE on a."""
    conn = psycopg.connect(url, application_name="long reader")
    conn.execute("select count(*) from public.a").fetchone()
    return conn


def app_reads_a(url: str) -> int:
    """What an application session does: read a as an authenticated user (fails after 60 s if queued)."""
    with psycopg.connect(url, autocommit=True, application_name="app") as conn:
        conn.execute("set statement_timeout = '60s'")
        conn.execute("set role authenticated")
        return conn.execute("select count(*) from public.a").fetchone()[0]


def prepared(toy, url: str) -> None:
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("policies/a.sql", POLICIES_A)
    assert cli("up", project=toy, url=url).code == 0


def test_a_blocked_migration_waits_in_short_bounded_tries_while_the_application_reads(toy, empty_url):
    prepared(toy, empty_url)
    toy.write("migrations/0002_add_column.sql", "alter table public.a add column c int default 0;\n")
    blocker = reader(empty_url)
    blocker_pid = blocker.info.backend_pid
    try:
        run = Run(toy, empty_url, "--lock-timeout", "200ms", "--lock-retries", "30")
        retry = run.wait_for_line("retry:")
        # up does not sit in the lock queue: the application's read goes through meanwhile.
        assert app_reads_a(empty_url) == 100
        assert run.process.poll() is None, "up stopped retrying"
    finally:
        blocker.rollback()
        blocker.close()
    code, _, lines = run.finish()

    assert code == 0, lines
    assert "sql/migrations/0002_add_column.sql:1" in retry and "lock timeout" in retry
    assert f"pid {blocker_pid} (" in retry and "long reader" in retry and "select count(*) from public.a" in retry
    assert query(empty_url, "select count(c) from public.a") == [(100,)]
    assert history(empty_url)[-1] == ("sql/migrations/0002_add_column.sql", "apply")


def test_after_the_last_retry_it_fails_in_one_line_naming_file_statement_and_blocker(toy, empty_url):
    prepared(toy, empty_url)
    toy.write("migrations/0002_add_column.sql",
              "-- sql/migrations/0002_add_column.sql\n-- Column c.\n\n"
              "create table public.side (id int);\n"
              "alter table public.a add column c int default 0;\n")
    blocker = reader(empty_url)
    try:
        result = cli("up", "--json", "--lock-timeout", "100ms", "--lock-retries", "1", project=toy, url=empty_url)
        pid = blocker.info.backend_pid
    finally:
        blocker.rollback()
        blocker.close()

    assert result.code == 1
    body = json.loads(result.out)
    assert body["failure"]["path"] == "sql/migrations/0002_add_column.sql" and body["failure"]["line"] == 5
    assert body["failure"]["sqlstate"] == "55P03"
    assert body["failure"]["statement"] == "alter table public.a add column c int default 0"
    assert "gave up after 2 attempt(s)" in body["error"] and f"blocked by pid {pid} (" in body["error"]
    assert "nothing of sql/migrations/0002_add_column.sql was applied" in body["error"]
    assert [line for line in result.err.splitlines() if line.startswith("retry:")], result.err
    assert query(empty_url, "select to_regclass('public.side') is null, count(*) from pg_attribute "
                            "where attrelid = 'public.a'::regclass and attname = 'c'") == [(True, 0)]
    assert history(empty_url)[-1] == ("sql/policies/a.sql", "apply")

    plain = cli("up", "--lock-timeout", "100ms", "--lock-retries", "0", project=toy, url=empty_url)
    assert plain.code == 0, plain.err  # the blocker is gone


HOLD_COMMIT = (
    *GATE,
    # Runs at commit of the transaction that wrote a history row: the test reads pg_locks meanwhile.
    "create function hold.commit_at_the_gate() returns trigger language plpgsql as $$ begin "
    "perform hold.until_released(); return null; end $$",
    "create constraint trigger hold_commit after insert on schema_tool.history deferrable initially deferred "
    "for each row execute function hold.commit_at_the_gate()",
)
LOCKED_BY_UP = """
select distinct c.relname
from pg_locks as l
join pg_class as c on c.oid = l.relation
join pg_namespace as n on n.oid = c.relnamespace
join pg_stat_activity as a on a.pid = l.pid
where a.application_name = 'schema_tool' and n.nspname = 'public'
order by 1
"""


def test_a_migration_on_one_table_locks_no_other_table(toy, empty_url):
    prepared(toy, empty_url)
    toy.write("migrations/0002_b.sql", "create table public.b (id int primary key);\n")
    toy.write("views/a_view.sql", "create or replace view public.a_view with (security_invoker = true) as "
                                  "select id, n from public.a;\n")
    toy.write("functions/a_touch.sql", "create or replace function public.a_touch() returns trigger "
                                       "language plpgsql as $$ begin return new; end $$;\n")
    toy.write("triggers/a.sql", "create or replace trigger a_touch before update on public.a "
                                "for each row execute function public.a_touch();\n")
    assert cli("up", project=toy, url=empty_url).code == 0
    toy.write("migrations/0003_b_column.sql", "alter table public.b add column x int;\n")
    execute(empty_url, *HOLD_COMMIT)

    run = Run(toy, empty_url)
    try:
        deadline = time.monotonic() + HANG
        while not query(empty_url, "select exists (select from pg_stat_activity where application_name = "
                                   "'schema_tool' and wait_event = 'PgSleep')")[0][0]:
            assert time.monotonic() < deadline and run.process.poll() is None, run.seen
            time.sleep(0.05)
        locked = [name for (name,) in query(empty_url, LOCKED_BY_UP)]
    finally:
        execute(empty_url, OPEN)
    code, out, lines = run.finish()

    assert code == 0, lines
    assert locked == ["b"]
    assert [path for path, _ in history(empty_url)][-1] == "sql/migrations/0003_b_column.sql"


def test_a_new_table_is_never_reachable_by_the_api_roles_beyond_its_policies_file(toy, empty_url):
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("migrations/0002_b.sql", "create table public.b (id int primary key);\n"
                                       "grant select on public.b to anon;\n")
    toy.write("policies/a.sql", POLICIES_A)
    default_acl = "select defaclnamespace, defaclobjtype, defaclacl::text from pg_default_acl order by 1, 2"

    first = cli("up", "--target", "0001", project=toy, url=empty_url)
    assert first.code == 0, first.err
    defaults = query(empty_url, default_acl)
    assert defaults, "the bootstrap gives the API roles default privileges"
    privileges = ("select has_table_privilege('anon', 'public.a', 'truncate'), "
                  "has_table_privilege('authenticated', 'public.a', 'select'), "
                  "has_table_privilege('authenticated', 'public.a', 'delete')")
    assert query(empty_url, privileges) == [(False, False, False)]

    assert cli("up", project=toy, url=empty_url).code == 0
    assert query(empty_url, privileges) == [(False, True, False)]
    # b has no policies file: what its migration granted, and nothing the defaults would have given.
    assert query(empty_url, "select has_table_privilege('anon', 'public.b', 'select'), "
                            "has_table_privilege('anon', 'public.b', 'insert'), "
                            "has_table_privilege('authenticated', 'public.b', 'select')") == [(True, False, False)]
    assert query(empty_url, default_acl) == defaults


def test_waiting_for_another_run_is_said_and_bounded(toy, empty_url):
    prepared(toy, empty_url)
    toy.write("migrations/0002_b.sql", "create table public.b (id int);\n")
    with psycopg.connect(empty_url, autocommit=True, application_name="other schema_tool") as other:
        other.execute("select pg_advisory_lock(hashtextextended('schema_tool.history', 0))")
        result = cli("up", "--wait", "1s", project=toy, url=empty_url)
        pid = other.info.backend_pid

    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert lines[0].startswith("wait: waiting for another schema_tool run to finish") and f"pid {pid}" in lines[0]
    assert "gave up after waiting 1 s (--wait); nothing was applied" in lines[-1] and len(lines) == 2
    assert query(empty_url, "select to_regclass('public.b') is null") == [(True,)]


def test_sessions_keep_working_across_a_column_type_change(toy, empty_url):
    """PL/pgSQL plans a trigger function once per session: a session that ran it before the type
    change fails with 42804 on its next call unless the function was re-created with the change."""
    toy.write("migrations/0001_a.sql", TABLE_A)
    toy.write("functions/a_keep_n.sql", "create or replace function public.a_keep_n() returns trigger "
                                        "language plpgsql as $$ begin new.n := coalesce(new.n, old.n); "
                                        "return new; end $$;\n")
    toy.write("triggers/a.sql", "create or replace trigger a_keep_n before update on public.a "
                                "for each row execute function public.a_keep_n();\n")
    assert cli("up", project=toy, url=empty_url).code == 0
    with psycopg.connect(empty_url, autocommit=True, application_name="app") as app:
        app.execute("update public.a set n = n + 1 where id = 1")  # the session plans a_keep_n
        toy.write("migrations/0002_widen.sql", "alter table public.a alter column n type bigint;\n")
        result = cli("up", project=toy, url=empty_url)
        assert result.code == 0, result.err

        app.execute("update public.a set n = n + 1 where id = 1")

    assert query(empty_url, "select n from public.a where id = 1") == [(3,)]
