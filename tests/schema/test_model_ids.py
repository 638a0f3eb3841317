"""model_name is the provider's API id; display_name the human name (0018 renamed three Anthropic rows)."""

from __future__ import annotations

import psycopg
import pytest


def test_anthropic_rows_carry_api_ids_and_human_names(db):
    rows = db.execute("select model_name, display_name from public.ai_model_configs where provider = 'anthropic' "
                      "order by model_name").fetchall()
    assert [(r["model_name"], r["display_name"]) for r in rows] == [
        ("claude-haiku-4-5", "Claude Haiku 4.5"), ("claude-opus-4-1", "Claude Opus 4.1"),
        ("claude-sonnet-4-0", "Claude Sonnet 4"), ("claude-sonnet-4-5", "Claude Sonnet 4.5")]


@pytest.mark.parametrize("name", ["claude-sonnet-4.5", "Claude Sonnet 4.5", "claude_opus"])
def test_an_active_anthropic_model_needs_an_api_id(db, name):
    with pytest.raises(psycopg.errors.CheckViolation, match="anthropic_model_name_is_api_id"):
        with db.as_service_role() as cur:
            cur.execute("insert into public.ai_model_configs (provider, model_name, display_name, model_type) "
                        "values ('anthropic', %s, 'x', 'fast')", (name,))
