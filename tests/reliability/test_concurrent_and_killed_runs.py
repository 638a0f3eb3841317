"""Two `up` at once apply each file exactly once; a SIGKILLed `up` leaves nothing half-applied."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.reliability.hold import GATE, OPEN
from tests.toy import ROOT, cli, execute, history, query

HANG_GUARD_S = 600
# The slow migration waits at the gate until the test opens it
SLOW = "create table public.slow (id int);\ninsert into public.slow values (1);\nselect hold.until_released();\n"


def spawn_up(toy, url) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "schema_tool", "up", "--project", str(toy.root),
                             "--database-url", url], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_two_concurrent_ups_apply_every_file_once(toy, empty_url):
    for n in range(1, 6):
        toy.write(f"migrations/000{n}_t{n}.sql", f"create table public.t{n} (id int);\nselect pg_sleep(0.2);\n")
    toy.write("functions/f.sql", "create or replace function public.f() returns int language sql as $$ select 1 $$;")
    first, second = spawn_up(toy, empty_url), spawn_up(toy, empty_url)
    outcomes = [p.communicate(timeout=HANG_GUARD_S) for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), outcomes
    paths = [p for p, _ in history(empty_url)]
    assert sorted(paths) == sorted(set(paths)) and len(paths) == 6


def wait_for_sleep(url: str, victim: subprocess.Popen) -> None:
    deadline = time.monotonic() + HANG_GUARD_S
    while time.monotonic() < deadline and victim.poll() is None:
        if query(url, "select count(*) from pg_stat_activity where query like '%%hold.until_released()%%' "
                      "and wait_event = 'PgSleep' and pid <> pg_backend_pid()")[0][0]:
            return
        time.sleep(0.05)
    raise AssertionError(f"the slow migration never started: {victim.communicate() if victim.poll() is not None else ''}")


def test_killed_up_releases_the_lock_and_leaves_nothing_half_applied(toy, empty_url):
    toy.write("migrations/0001_a.sql", "create table public.a (id int);\n")
    toy.write("migrations/0002_slow.sql", SLOW)
    execute(empty_url, *GATE)
    victim = spawn_up(toy, empty_url)
    wait_for_sleep(empty_url, victim)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=HANG_GUARD_S)

    assert query(empty_url, "select to_regclass('public.slow') is null") == [(True,)]
    execute(empty_url, OPEN)
    rerun = cli("up", project=toy, url=empty_url)

    assert rerun.code == 0, rerun.err
    assert [p for p, _ in history(empty_url)] == ["sql/migrations/0001_a.sql", "sql/migrations/0002_slow.sql"]
    assert query(empty_url, "select count(*) from public.slow") == [(1,)]
