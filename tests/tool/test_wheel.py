"""The package as another project gets it: the wheel `pip wheel .` builds, carrying sql/, installed into a
fresh virtualenv beside a pytest of that project's own choosing."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.tool.test_dependency_pins import pyproject
from tests.tool.test_plugin_downstream import NOTES_POLICIES, NOTES_TABLE, RLS_TEST
from tests.toy import ROOT, query

pytestmark = pytest.mark.slow
# What the wheel is built from: the working tree's package files, copied so that the build's own
# build/ and *.egg-info stay out of the checkout.
SOURCES = ("pyproject.toml", "README.md", "schema_tool", "sql")
HANG_GUARD_S = 600


def run(*args, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=HANG_GUARD_S)


def clean_env(**extra: str) -> dict:
    """The environment without this suite's settings (pytest's, schema_tool's, this virtualenv's)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST_", "SCHEMA_TOOL_", "PYTHON")) and key not in ("VIRTUAL_ENV", "DATABASE_URL")}
    return {**env, **extra}


@contextlib.contextmanager
def built_once(tmp_path_factory, name: str):
    """A folder for what `name` builds, and whether it is built already: one for the whole run, shared by
    the xdist workers (which take turns under a lock), so the wheel and the virtualenv are made once."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / name  # the run's folder, above each worker's own
        folder.mkdir(exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp(name)
    with open(folder.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".built"
        yield folder, done.exists()
        done.touch()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    with built_once(tmp_path_factory, "wheel") as (folder, built):
        if not built:
            source = folder / "source"
            source.mkdir(exist_ok=True)  # exists when an earlier worker's build failed half way
            for name in SOURCES:
                if (ROOT / name).is_dir():
                    shutil.copytree(ROOT / name, source / name, dirs_exist_ok=True,
                                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
                else:
                    shutil.copy2(ROOT / name, source / name)
            done = run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", folder, source)
            assert done.returncode == 0, done.stderr
        [path] = folder.glob("schema_tool-*.whl")
        return path


def pinned() -> list[str]:
    return pyproject()["project"]["optional-dependencies"]["pinned"]


# An application's own pytest, older than the one pinned here: the package's ranges admit it.
DOWNSTREAM_PYTEST = "8.4.2"


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory, request) -> Path:
    """A new virtualenv holding the wheel, the downstream project's own pytest, and the other dependencies at
    the versions this repository pins, as its CI wants them (the same from run to run, and in pip's cache
    after `make install`)."""
    with built_once(tmp_path_factory, "downstream-venv") as (venv, built):
        if not built:
            made = run(sys.executable, "-m", "venv", "--without-pip", venv)
            assert made.returncode == 0, made.stderr
            constraints = venv.parent / "downstream-constraints.txt"
            pins = [Requirement(p) for p in pinned()]
            constraints.write_text("".join(f"{p.name}{p.specifier}\n" for p in pins if p.name != "pytest"),
                                   encoding="utf-8")  # a constraint names no extras
            # The dependencies install while the wheel is built (both wait on the index and on processes of
            # their own much of the time); the wheel's install below then finds them in place and resolves
            # its requirements against them, installing whatever they miss.
            dependencies = [str(p) for p in pins if p.name != "pytest"] + [f"pytest=={DOWNSTREAM_PYTEST}"]
            with installing(venv, constraints, *dependencies) as early:
                wheel = request.getfixturevalue("wheel")
            assert early.returncode == 0, early.stdout
            installed = run(*pip_install(venv, constraints, wheel, f"pytest=={DOWNSTREAM_PYTEST}"), env=clean_env())
            assert installed.returncode == 0, installed.stdout + installed.stderr
        return venv


def pip_install(venv: Path, constraints: Path, *requirements) -> tuple:
    # this suite's pip installs into it (so it needs no pip of its own); modules are compiled when first
    # imported, not all of them at install
    return (sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "--no-compile",
            "--constraint", constraints, *requirements)


@contextlib.contextmanager
def installing(venv: Path, constraints: Path, *requirements):
    """pip installing the requirements in the background while the block runs; its outcome afterwards."""
    log = venv.parent / "downstream-early-install.log"
    with open(log, "w+", encoding="utf-8") as output:
        child = subprocess.Popen([str(a) for a in pip_install(venv, constraints, *requirements)], env=clean_env(),
                                 stdout=output, stderr=subprocess.STDOUT, text=True)
        try:
            yield (outcome := subprocess.CompletedProcess(child.args, None))
            outcome.returncode = child.wait(timeout=HANG_GUARD_S)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        output.seek(0)
        outcome.stdout = output.read()


def test_the_installed_command_applies_the_shipped_schema_outside_a_checkout(fresh_venv, tmp_path, empty_url):
    schema_tool = fresh_venv / "bin" / "schema_tool"
    shipped = next((fresh_venv / "lib").glob("python3*/site-packages/schema_tool/shipped"))

    applied = run(schema_tool, "up", "--database-url", empty_url, cwd=tmp_path, env=clean_env())

    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert f"using the schema shipped with schema_tool ({shipped / 'sql'})" in applied.stderr
    assert query(empty_url, "select to_regclass('public.leads') is not null, count(*) from schema_tool.history "
                            "where version is not null") == [(True, len(list((ROOT / 'sql' / 'migrations').glob('*.sql'))))]
    status = run(schema_tool, "status", "--database-url", empty_url, cwd=tmp_path, env=clean_env())
    assert status.returncode == 0, status.stdout + status.stderr
    # the package's files are not edited, and the tool's own files go into the folder it runs in
    refused = run(schema_tool, "new", "nicknames", cwd=tmp_path, env=clean_env())
    assert refused.returncode == 2
    assert "is the schema shipped with schema_tool and is not edited" in refused.stdout + refused.stderr
    state = run(fresh_venv / "bin" / "python", "-c",
                "from schema_tool import project; print(project.state_dir(project.find_root()))",
                cwd=tmp_path, env=clean_env())
    assert state.stdout.strip() == str(tmp_path.resolve() / ".schema_tool")


def test_a_downstream_project_runs_its_rls_tests_with_the_installed_plugin(fresh_venv, tmp_path, server):
    app = tmp_path / "app"
    shutil.copytree(ROOT / "sql" / "bootstrap", app / "sql" / "bootstrap")
    (app / "sql" / "migrations").mkdir()
    (app / "sql" / "migrations" / "0001_notes.sql").write_text(NOTES_TABLE, encoding="utf-8")
    (app / "sql" / "policies").mkdir()
    policies = app / "sql" / "policies" / "notes.sql"
    policies.write_text(NOTES_POLICIES, encoding="utf-8")
    (app / "pyproject.toml").write_text('[tool.pytest.ini_options]\ntestpaths = ["tests"]\n', encoding="utf-8")
    (app / "tests").mkdir()
    (app / "tests" / "test_notes.py").write_text(RLS_TEST, encoding="utf-8")
    pytest_of_app = (fresh_venv / "bin" / "python", "-m", "pytest", "-p", "no:cacheprovider",
                     "--schema-database-url", server.admin_url)

    passed = run(*pytest_of_app, cwd=app, env=clean_env())

    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "platform linux -- Python" in passed.stdout and f"pytest-{DOWNSTREAM_PYTEST}" in passed.stdout
    assert f"schema_tool: project {app.resolve()}" in passed.stdout
    assert "2 passed" in passed.stdout

    # a policy that lets everyone read everything: the app's RLS test catches it
    policies.write_text(NOTES_POLICIES.replace("using ((select auth.uid()) = user_id)", "using (true)"),
                        encoding="utf-8")
    broken = run(*pytest_of_app, cwd=app, env=clean_env())
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "FAILED tests/test_notes.py::test_a_user_reads_only_their_own_notes" in broken.stdout
    assert "1 failed, 1 passed" in broken.stdout


# After the tests that install the wheel: the first of those starts its virtualenv's dependencies installing
# before the wheel is built, and the two overlap.
def test_the_wheel_carries_every_file_of_sql(wheel):
    shipped = {name.removeprefix(SHIPPED): data for name, data in packed(wheel).items() if name.startswith(SHIPPED)}
    expected = in_the_tree("sql", "*")
    assert len(expected) > 200
    assert shipped.keys() == expected.keys()
    assert [name for name in expected if shipped[name] != expected[name]] == []


def test_the_wheel_carries_the_packages_own_sql(wheel):
    """The catalog's queries and the lint rules, which an installed `diff` and `lint` read."""
    own = {name: data for name, data in packed(wheel).items() if name.endswith(".sql") and not name.startswith(SHIPPED)}
    expected = in_the_tree("schema_tool", "*.sql")
    assert any(name.startswith("schema_tool/lint_rules/") for name in expected)
    assert any(name.startswith("schema_tool/catalog/") for name in expected)
    assert own == expected


SHIPPED = "schema_tool/shipped/"


def packed(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def in_the_tree(folder: str, pattern: str) -> dict[str, bytes]:
    """The files under a folder of the checkout, by path from its root."""
    return {path.relative_to(ROOT).as_posix(): path.read_bytes()
            for path in sorted((ROOT / folder).rglob(pattern)) if path.is_file()}
