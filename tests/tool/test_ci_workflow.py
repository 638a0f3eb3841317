"""The GitHub workflow is valid against the published workflow schema, and runs the checks .ci/run runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.toy import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "schema.yml"
CHECKS = ["make test", "schema_tool lint", "schema_tool docs --check", ".ci/upgrade_check.py"]


def test_the_workflow_is_valid_against_githubs_workflow_schema():
    checker = Path(sys.executable).with_name("check-jsonschema")
    if not checker.exists() and not shutil.which("check-jsonschema"):
        pytest.fail("check-jsonschema is not installed (it is a dev dependency: make install)")
    done = subprocess.run([str(checker if checker.exists() else "check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(WORKFLOW)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("check", CHECKS)
def test_the_workflow_and_ci_run_run_the_same_check(check):
    assert check in WORKFLOW.read_text(encoding="utf-8")
    assert check in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_workflow_installs_postgresql_15_with_pg_cron_for_the_tests_that_need_it():
    assert "postgresql-15-cron" in WORKFLOW.read_text(encoding="utf-8")
