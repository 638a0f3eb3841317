"""The README's developer workflow, run as written: its bash block under "Changing the schema: the
developer workflow", from `schema_tool psql` through `make test`, in a copy of the working tree with
an embedded server of its own (made by `make up`, as the README's first block says). Each step is
checked for what it must leave behind."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.toy import ROOT

pytestmark = pytest.mark.slow
HANG_GUARD_S = 900
HEADING = "## Changing the schema: the developer workflow"
# What `make test` runs in the copy, through PYTEST_ADDOPTS so that the command stays the README's: the
# tests that read what the workflow changes (the sum, the docs, the files' layout) and a few on leads,
# all on a template built from the copy's files, the captured migrations included.
SUBSET = ("tests/tool/test_migrations_sum.py::test_the_projects_sum_lists_every_migration_as_released",
          "tests/docs/test_docs.py::test_committed_docs_are_current",
          "tests/docs/test_docs.py::test_every_table_function_view_and_policy_is_documented",
          "tests/schema/test_file_layout.py",
          "tests/functions/test_lead_scoring.py")
STEP = "### step "
STYLE_CACHE = ROOT / ".schema_tool" / "lint-style-cache.json"
STYLE_SETTINGS = (".sqlfluff", ".sqlfluffignore")


def readme_block() -> list[str]:
    """The lines of the first bash block after the workflow's heading, as the README has them."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text.split(HEADING, 1)[1]
    block = re.search(r"```bash\n(.*?)```", after, re.S)
    assert block, f"no bash block under {HEADING!r}"
    return [line for line in block.group(1).splitlines() if line.strip()]


def script(lines: list[str]) -> str:
    """The lines as one bash script that stops at the first failing step, each step's output after a marker."""
    steps = [f'echo "{STEP}{number}"\n{line}' for number, line in enumerate(lines, 1)]
    return "set -e\n" + "\n".join(steps) + "\n"


def outputs(log: str) -> dict[int, str]:
    """Each step's output, by step number (from 1)."""
    parts = re.split(rf"^{STEP}(\d+)$", log, flags=re.M)
    return {int(number): text for number, text in zip(parts[1::2], parts[2::2])}


def copy_of_the_working_tree(target: Path) -> None:
    """Tracked and untracked files (not the ignored ones: no .venv, no .schema_tool), times kept so that
    make sees pyproject.toml as installed; the virtualenv is this one's, reached through links."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True, timeout=60).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)
    venv = target / ".venv"
    venv.mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()  # newer than pyproject.toml: make does not install again
    # sqlfluff's findings on unchanged files, kept by checksum (.ci/run lints before the suite)
    if STYLE_CACHE.is_file():
        (target / ".schema_tool").mkdir()
        shutil.copy2(STYLE_CACHE, target / ".schema_tool" / STYLE_CACHE.name)


def style_cache_given_back(copy: Path) -> None:
    """The copy's sqlfluff findings on the files it shares with this checkout, added to this checkout's
    cache: they are kept under the checksum of the file's path and text and of the style settings, so
    they hold here too, and the next run (or this checkout's own `schema_tool lint`) does not run
    sqlfluff over every file again. Files the workflow added or changed are left out."""
    try:
        theirs = json.loads((copy / ".schema_tool" / STYLE_CACHE.name).read_text(encoding="utf-8"))
        ours = json.loads(STYLE_CACHE.read_text(encoding="utf-8")) if STYLE_CACHE.is_file() else {}
    except (OSError, ValueError):
        return  # no lint ran in the copy, or it was stopped while writing: nothing to give back
    if any(not same_file(copy, name) for name in STYLE_SETTINGS):
        return
    shared = {rel: entry for rel, entry in theirs.items() if (ROOT / rel).is_file() and same_file(copy, rel)}
    if all(ours.get(rel) == entry for rel, entry in shared.items()):
        return
    STYLE_CACHE.parent.mkdir(exist_ok=True)
    written = STYLE_CACHE.with_name(f"{STYLE_CACHE.name}.{os.getpid()}")
    written.write_text(json.dumps({**ours, **shared}, sort_keys=True), encoding="utf-8")
    written.replace(STYLE_CACHE)  # whole or not at all, for a lint reading it meanwhile


def same_file(copy: Path, rel: str) -> bool:
    """The file is in both trees with the same bytes, or in neither."""
    mine, theirs = ROOT / rel, copy / rel
    if not mine.is_file() or not theirs.is_file():
        return mine.is_file() == theirs.is_file()
    return mine.read_bytes() == theirs.read_bytes()


def run(command: list[str] | str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """A command, or a bash script given as one string; stdout and stderr together, in order."""
    if isinstance(command, str):
        command = ["bash", "-c", command]
    return subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=HANG_GUARD_S)


@pytest.fixture
def copy(server):
    # a short path: the copy's embedded server keeps its Unix socket in .schema_tool/pgdata
    folder = Path(tempfile.mkdtemp(prefix="st-wf-"))
    folder.chmod(0o755)  # the embedded server's system user (when run as root) enters it
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST_", "SCHEMA_TOOL_", "PYTHON")) and key not in ("VIRTUAL_ENV", "DATABASE_URL")}
    # the copy's suite makes its databases on this suite's server instead of starting servers of its own
    env.update(SCHEMA_TOOL_TEST_DATABASE_URL=server.admin_url, PYTEST_ADDOPTS=" ".join(("-p no:cacheprovider -rA",
                                                                                         *SUBSET)))
    try:
        copy_of_the_working_tree(folder)
        yield folder, env
    finally:
        run([str(folder / ".venv" / "bin" / "schema_tool"), "db", "stop"], folder, env)
        style_cache_given_back(folder)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_readmes_developer_workflow_works_as_written(copy):
    folder, env = copy
    if re.search(r"\bnickname\b", "".join(p.read_text(encoding="utf-8") for p in (ROOT / "sql").rglob("*.sql"))):
        pytest.skip("sql/ already has the README example's change (leads.nickname): its workflow cannot run again")
    lines = readme_block()
    assert lines[0].startswith("source .venv/bin/activate")
    assert lines[1].startswith("schema_tool psql") and lines[-1].startswith("schema_tool lint && make test")
    sums_before = (ROOT / "sql" / "migrations.sum").read_text(encoding="utf-8")
    latest = max(int(p.name[:4]) for p in (ROOT / "sql" / "migrations").glob("*.sql"))
    made = run(["make", "up"], folder, env)
    assert made.returncode == 0, made.stdout

    # a misspelt step stops the block: the script fails at that step and the ones after it never run
    misspelt = run(script([lines[0], lines[1].replace("schema_tool psql", "schema_tool pslq"), *lines[2:]]), folder,
                   env)
    assert misspelt.returncode != 0 and max(outputs(misspelt.stdout)) == 2

    done = run(script(lines), folder, env)

    steps = outputs(done.stdout)
    assert done.returncode == 0, done.stdout
    assert sorted(steps) == list(range(1, len(lines) + 1))
    by_command = {lines[number - 1].split("#")[0].strip(): text for number, text in steps.items()}
    assert "ALTER TABLE" in by_command['schema_tool psql -c "alter table public.leads add column nickname text"']
    assert "CREATE INDEX" in by_command[
        'schema_tool psql -c "create index leads_nickname_idx on public.leads (created_by, nickname)"']
    report = by_command["schema_tool diff"]
    assert "only in the live database: public.leads.nickname" in report
    assert "only in the live database: public.leads_nickname_idx" in report

    # diff --write: the column in a migration, the index in a no-transaction one, both in the sum
    column, index = (folder / "sql" / "migrations" / f"{latest + 1:04d}_lead_nicknames.sql",
                     folder / "sql" / "migrations" / f"{latest + 2:04d}_lead_nicknames_indexes.sql")
    assert "alter table public.leads add column nickname text;" in column.read_text(encoding="utf-8")
    index_text = index.read_text(encoding="utf-8")
    assert index_text.startswith("-- schema_tool: no-transaction\n")
    assert ("create index concurrently if not exists leads_nickname_idx on public.leads using btree "
            "(created_by, nickname);") in index_text
    sums = (folder / "sql" / "migrations.sum").read_text(encoding="utf-8")
    assert column.name in sums and index.name in sums and sums != sums_before
    assert f"wrote sql/migrations/{column.name}" in by_command["schema_tool diff --write lead_nicknames"]

    # docs regenerated: the new column is on its table's page
    assert "written: docs/schema/" in by_command["schema_tool docs"]
    assert "nickname" in "".join(p.read_text(encoding="utf-8") for p in (folder / "docs" / "schema").glob("*.md"))

    # lint: zero findings at warning and above; make test: the subset passed, none failed
    last = by_command["schema_tool lint && make test"]
    assert "0 errors, 0 warnings" in last
    assert "PASSED tests/docs/test_docs.py::test_committed_docs_are_current" in last
    assert "PASSED tests/tool/test_migrations_sum.py::test_the_projects_sum_lists_every_migration_as_released" in last
    assert re.search(r"^\d+ passed(, \d+ skipped)? in ", last, re.M), last  # pytest's last line: nothing failed

    # the database the change was captured from has nothing left to do, and no drift
    again = run([str(folder / ".venv" / "bin" / "schema_tool"), "up", "--json"], folder, env)
    assert again.returncode == 0, again.stdout
    assert json.loads(again.stdout[again.stdout.index("{"):])["steps"] == []
    drift = run([str(folder / ".venv" / "bin" / "schema_tool"), "diff", "--check"], folder, env)
    assert drift.returncode == 0, drift.stdout
