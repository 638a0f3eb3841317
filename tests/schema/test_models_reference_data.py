"""The AI model catalogue's reference data: the 17 models discovered on
2025-10-28, one default per provider and type, and the constraints that keep
defaults unique and active."""

import psycopg
import pytest

SPEC_MODELS = {
    ("openai", "gpt-5"): "flagship",
    ("openai", "gpt-5-mini"): "fast",
    ("openai", "gpt-5-nano"): "fast",
    ("openai", "o3"): "reasoning",
    ("openai", "o4-mini"): "reasoning",
    ("openai", "gpt-4.1"): "legacy",
    ("openai", "gpt-4.1-mini"): "legacy",
    ("anthropic", "claude-sonnet-4-5"): "flagship",
    ("anthropic", "claude-opus-4-1"): "most_powerful",
    ("anthropic", "claude-haiku-4-5"): "fast",
    ("anthropic", "claude-sonnet-4-0"): "legacy",
    ("google", "gemini-2.5-pro"): "flagship",
    ("google", "gemini-2.5-flash"): "fast",
    ("google", "gemini-2.5-flash-lite"): "fast",
    ("google", "gemini-2.0-flash"): "legacy",
    ("mistral", "mistral-large-latest"): "flagship",
    ("mistral", "mistral-medium-latest"): "fast",
}


def test_the_seventeen_spec_models_are_seeded_active(db):
    rows = db.execute("select provider, model_name, model_type, is_active from public.ai_model_configs").fetchall()
    seeded = {(r["provider"], r["model_name"]): r["model_type"] for r in rows}
    assert seeded == SPEC_MODELS
    assert all(r["is_active"] for r in rows)


def test_each_provider_has_exactly_one_flagship_default(db):
    rows = db.execute(
        "select provider, array_agg(model_name) as names from public.ai_model_configs "
        "where is_default and model_type = 'flagship' group by provider").fetchall()
    assert {r["provider"]: r["names"] for r in rows} == {
        "openai": ["gpt-5"], "anthropic": ["claude-sonnet-4-5"],
        "google": ["gemini-2.5-pro"], "mistral": ["mistral-large-latest"],
    }


def test_every_provider_and_type_with_models_has_one_default(db):
    rows = db.execute(
        "select provider, model_type, count(*) filter (where is_default) as defaults "
        "from public.ai_model_configs where is_active group by provider, model_type").fetchall()
    assert len(rows) == 13
    assert all(r["defaults"] == 1 for r in rows), rows


def test_pricing_and_context_window_are_filled(db):
    rows = db.execute("select model_name, pricing, context_window from public.ai_model_configs").fetchall()
    for r in rows:
        assert r["context_window"] > 0, r["model_name"]
        assert r["pricing"]["input_per_token"] > 0 and r["pricing"]["output_per_token"] > 0, r["model_name"]


def test_a_second_default_for_a_provider_and_type_is_refused(db):
    with pytest.raises(psycopg.errors.UniqueViolation):
        with db.conn.transaction():
            db.execute("update public.ai_model_configs set is_default = true where model_name = 'gpt-5-nano'")


def test_an_inactive_model_cannot_be_default(db):
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.execute("update public.ai_model_configs set is_active = false where model_name = 'gpt-5'")


def test_an_unknown_model_type_is_refused(db):
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("ai_model_configs", provider="openai", model_name="gpt-x", model_type="experimental")


def test_users_read_the_catalogue_but_cannot_change_it(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        assert cur.execute("select count(*) as n from public.ai_model_configs").fetchone()["n"] == 17
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("update public.ai_model_configs set is_default = false")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select count(*) from public.ai_model_configs")


def test_the_ai_videos_bucket_is_public(db):
    bucket = db.execute("select name, public from storage.buckets where id = 'ai-videos'").fetchone()
    assert bucket == {"name": "ai-videos", "public": True}
