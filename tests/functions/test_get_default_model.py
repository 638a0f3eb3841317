"""get_default_model(provider, type): the active default, callable as in the spec."""

import psycopg
import pytest

FLAGSHIPS = {
    "openai": "gpt-5",
    "anthropic": "claude-sonnet-4-5",
    "google": "gemini-2.5-pro",
    "mistral": "mistral-large-latest",
}


@pytest.mark.parametrize("provider", sorted(FLAGSHIPS))
def test_flagship_default_for_each_provider(db, provider):
    user = db.new_user()
    with db.as_user(user) as cur:
        rows = cur.execute("SELECT * FROM get_default_model(%s, 'flagship')", (provider,)).fetchall()
    assert [r["model_name"] for r in rows] == [FLAGSHIPS[provider]]
    assert rows[0]["is_default"] and rows[0]["is_active"]


@pytest.mark.parametrize("provider", sorted(FLAGSHIPS))
def test_model_type_defaults_to_flagship(db, provider):
    rows = db.execute("select model_name from public.get_default_model(%s)", (provider,)).fetchall()
    assert [r["model_name"] for r in rows] == [FLAGSHIPS[provider]]


@pytest.mark.parametrize("provider, model_type, expected", [
    ("openai", "fast", "gpt-5-mini"),
    ("openai", "reasoning", "o3"),
    ("openai", "legacy", "gpt-4.1"),
    ("anthropic", "most_powerful", "claude-opus-4-1"),
    ("anthropic", "fast", "claude-haiku-4-5"),
    ("google", "fast", "gemini-2.5-flash"),
    ("mistral", "fast", "mistral-medium-latest"),
])
def test_other_tiers_have_their_default(db, provider, model_type, expected):
    rows = db.execute("select model_name from public.get_default_model(%s, %s)", (provider, model_type)).fetchall()
    assert [r["model_name"] for r in rows] == [expected]


def test_unknown_pair_returns_nothing(db):
    assert db.execute("select * from public.get_default_model('mistral', 'reasoning')").fetchall() == []
    assert db.execute("select * from public.get_default_model('acme', 'flagship')").fetchall() == []


def test_inactive_default_is_not_returned(db):
    db.execute("update public.ai_model_configs set is_default = false, is_active = false where model_name = 'gpt-5'")
    assert db.execute("select * from public.get_default_model('openai', 'flagship')").fetchall() == []


def test_anon_cannot_call_it(db):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select * from public.get_default_model('openai', 'flagship')")
