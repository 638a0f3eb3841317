"""pyproject.toml: the package asks for ranges (it installs beside an application's own pytest, psycopg...),
and the `pinned` extra, which `make` and CI install, names the exact version tested for every one of them."""

from __future__ import annotations

import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.toy import ROOT


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def exact_version(requirement: Requirement) -> str | None:
    """The version of `name==X` (one `==` specifier, no wildcard), else None."""
    specifiers = list(requirement.specifier)
    if len(specifiers) == 1 and specifiers[0].operator == "==" and "*" not in specifiers[0].version:
        return specifiers[0].version
    return None


def pin_problems(ranges: list[str], pins: list[str]) -> list[str]:
    """What is wrong between the runtime dependencies and their pins, one line each."""
    problems = []
    pinned = {canonicalize_name(Requirement(p).name): Requirement(p) for p in pins}
    for text in ranges:
        wanted = Requirement(text)
        name = canonicalize_name(wanted.name)
        if exact_version(wanted) is not None:
            problems.append(f"{text}: an exact pin among the dependencies; give a range, pin it in `pinned`")
        elif not any(s.operator in ("<", "<=", "~=") for s in wanted.specifier):
            problems.append(f"{text}: no upper bound")
        pin = pinned.pop(name, None)
        if pin is None:
            problems.append(f"{text}: not pinned in `pinned`")
            continue
        version = exact_version(pin)
        if version is None:
            problems.append(f"{pin}: not an exact pin")
        elif not wanted.specifier.contains(version, prereleases=True):
            problems.append(f"{pin}: outside the range {text}")
        if pin.extras != wanted.extras:
            problems.append(f"{pin}: extras differ from {text}")
    problems.extend(f"{pin}: pinned but not a dependency" for pin in map(str, pinned.values()))
    return problems


def test_every_range_has_an_exact_pin_inside_it():
    project = pyproject()["project"]
    assert pin_problems(project["dependencies"], project["optional-dependencies"]["pinned"]) == []


def test_the_check_names_a_pin_outside_its_range_a_missing_pin_and_an_exact_dependency():
    problems = pin_problems(["pytest>=8.4,<10", "rich>=15,<16", "typer==0.28.0", "sqlfluff>=4.5"],
                            ["pytest==10.1.0", "typer==0.28.0", "sqlfluff==4.5.0", "numpy==2.4.6"])
    assert problems == [
        "pytest==10.1.0: outside the range pytest>=8.4,<10",
        "rich>=15,<16: not pinned in `pinned`",
        "typer==0.28.0: an exact pin among the dependencies; give a range, pin it in `pinned`",
        "sqlfluff>=4.5: no upper bound",
        "numpy==2.4.6: pinned but not a dependency",
    ]


def test_the_development_extras_are_pinned_exactly():
    dev = pyproject()["project"]["optional-dependencies"]["dev"]
    assert [text for text in dev if exact_version(Requirement(text)) is None] == []


def test_the_virtualenv_holds_the_pinned_versions():
    """`make` installs `.[dev,pinned]`: what the suite runs on is what `pinned` names."""
    pins = pyproject()["project"]["optional-dependencies"]["pinned"]
    installed = {Requirement(p).name: metadata.version(Requirement(p).name) for p in pins}
    assert installed == {Requirement(p).name: exact_version(Requirement(p)) for p in pins}


def test_make_and_ci_install_the_pinned_extra():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[dev,pinned]'" in makefile
    workflow = (ROOT / ".github" / "workflows" / "schema.yml").read_text(encoding="utf-8")
    assert "make install" in workflow
