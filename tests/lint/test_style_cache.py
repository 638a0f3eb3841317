"""sqlfluff runs only on the files whose text or style settings changed since their last lint; the
findings of the others come from the cache, kept by checksum."""

from __future__ import annotations

import json
import shutil

from schema_tool import lint, project
from tests.toy import ROOT, cli

CLEAN = "-- The answer.\n\nselect 1 as answer;\n"
SHOUTING = "-- The answer.\n\nSELECT 1 AS answer;\n"


def style_of(toy) -> list[lint.Finding]:
    return lint.style(project.load(toy.root))


def cached(toy) -> dict:
    return json.loads((toy.root / ".schema_tool" / "lint-style-cache.json").read_text())


def test_an_unchanged_file_is_not_linted_again_and_a_changed_one_is(toy):
    shutil.copy(ROOT / ".sqlfluff", toy.root / ".sqlfluff")
    toy.write("functions/answer.sql", CLEAN)
    toy.write("functions/other.sql", CLEAN)
    assert [f for f in style_of(toy) if f.path.startswith("sql/functions/")] == []

    # A finding planted in the cache under the file's current key is reported as is: sqlfluff did not
    # run on that file again.
    entries = cached(toy)
    planted = {"source": "style", "rule": "sqlfluff-PLANTED", "level": "warning", "message": "from the cache",
               "object": None, "path": "sql/functions/other.sql", "line": 1, "hint": None}
    entries["sql/functions/other.sql"]["findings"] = [planted]
    (toy.root / ".schema_tool" / "lint-style-cache.json").write_text(json.dumps(entries))
    toy.write("functions/answer.sql", SHOUTING)

    rules = {(f.path, f.rule) for f in style_of(toy)}

    assert ("sql/functions/other.sql", "sqlfluff-PLANTED") in rules
    assert ("sql/functions/answer.sql", "sqlfluff-CP01") in rules  # linted again: its text changed


def test_changed_style_settings_lint_every_file_again(toy):
    shutil.copy(ROOT / ".sqlfluff", toy.root / ".sqlfluff")
    toy.write("functions/answer.sql", SHOUTING)
    assert any(f.rule == "sqlfluff-CP01" for f in style_of(toy))

    settings = (toy.root / ".sqlfluff").read_text().replace("exclude_rules = LT02, RF04",
                                                            "exclude_rules = LT02, RF04, CP01")
    (toy.root / ".sqlfluff").write_text(settings)

    # sqlfluff keeps a configuration file it read for the life of the process: a new process, as a
    # user's next `schema_tool lint` is.
    done = cli("lint", "--only", "style", "--json", project=toy, process=True)
    assert done.code == 0, done.out + done.err
    assert "sqlfluff-CP01" not in done.out
