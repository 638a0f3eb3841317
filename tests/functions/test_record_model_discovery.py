"""record_model_discovery(jsonb): one discovery run adds, refreshes,
deprecates, keeps a default per provider and type, and logs the counts."""

import psycopg
import pytest
from psycopg.types.json import Jsonb


def m(name, model_type=None, **extra):
    item = {"model_name": name, **extra}
    if model_type:
        item["model_type"] = model_type
    return item


MISTRAL_TODAY = [m("mistral-large-latest", "flagship"), m("mistral-medium-latest", "fast")]


def run(cur, models):
    return cur.execute("select * from public.record_model_discovery(%s)", (Jsonb(models),)).fetchone()


def model(db, provider, name):
    return db.execute("select * from public.ai_model_configs where provider = %s and model_name = %s",
                      (provider, name)).fetchone()


def test_new_model_is_added_and_counted(db):
    with db.as_service_role() as cur:
        log = run(cur, {"mistral": MISTRAL_TODAY + [m("magistral-medium", "reasoning", context_window=40000,
                                                      pricing={"input_per_token": 0.000002})]})
    assert (log["models_discovered"], log["models_added"], log["models_deprecated"]) == (3, 1, 0)
    assert log["providers_checked"] == ["mistral"]
    assert log["execution_time_ms"] >= 0
    assert log["details"]["added"] == ["mistral/magistral-medium"]
    added = model(db, "mistral", "magistral-medium")
    assert added["is_active"] and added["context_window"] == 40000
    # the only reasoning model of mistral becomes its default
    assert added["is_default"]
    stored = db.execute("select count(*) as n from public.ai_model_update_logs where id = %s", (log["id"],)).fetchone()
    assert stored["n"] == 1


def test_missing_model_is_deprecated_and_loses_its_default(db):
    with db.as_service_role() as cur:
        log = run(cur, {"openai": [m("gpt-5"), m("gpt-5-nano"), m("o3"), m("o4-mini"), m("gpt-4.1"),
                                   m("gpt-4.1-mini")]})
    assert (log["models_discovered"], log["models_added"], log["models_deprecated"]) == (6, 0, 1)
    gone = model(db, "openai", "gpt-5-mini")
    assert not gone["is_active"] and not gone["is_default"] and gone["deprecated_at"] is not None
    # the remaining fast model is promoted: no provider/type is left without a default
    assert model(db, "openai", "gpt-5-nano")["is_default"]
    assert log["details"]["deprecated"] == ["openai/gpt-5-mini"]
    assert log["details"]["defaults_promoted"] == ["openai/gpt-5-nano"]


def test_replacement_default_is_the_first_listed_of_its_type(db):
    with db.as_service_role() as cur:
        run(cur, {"google": [m("gemini-3-pro", "flagship"), m("gemini-2.5-flash"), m("gemini-2.5-flash-lite"),
                             m("gemini-2.0-flash"), m("gemini-3-pro-exp", "flagship")]})
    assert not model(db, "google", "gemini-2.5-pro")["is_active"]
    assert model(db, "google", "gemini-3-pro")["is_default"]
    assert not model(db, "google", "gemini-3-pro-exp")["is_default"]
    defaults = db.execute("select model_name from public.get_default_model('google')").fetchall()
    assert [r["model_name"] for r in defaults] == ["gemini-3-pro"]


def test_invariant_holds_after_a_run(db):
    with db.as_service_role() as cur:
        run(cur, {"anthropic": [m("claude-sonnet-5", "flagship"), m("claude-haiku-4-5")],
                  "openai": [m("gpt-5-nano"), m("o4-mini"), m("gpt-6", "flagship")]})
    pairs = db.execute(
        "select provider, model_type, count(*) filter (where is_default) as defaults "
        "from public.ai_model_configs where is_active group by 1, 2").fetchall()
    assert pairs and all(p["defaults"] == 1 for p in pairs), pairs


def test_providers_not_checked_are_left_alone(db):
    before = db.execute("select model_name, is_active, is_default from public.ai_model_configs "
                        "where provider <> 'mistral' order by 1").fetchall()
    with db.as_service_role() as cur:
        run(cur, {"mistral": MISTRAL_TODAY})
    after = db.execute("select model_name, is_active, is_default from public.ai_model_configs "
                       "where provider <> 'mistral' order by 1").fetchall()
    assert before == after


def test_a_deprecated_model_that_returns_is_reactivated(db):
    with db.as_service_role() as cur:
        run(cur, {"mistral": [m("mistral-large-latest")]})
        assert not model(db, "mistral", "mistral-medium-latest")["is_active"]
        log = run(cur, {"mistral": MISTRAL_TODAY})
    back = model(db, "mistral", "mistral-medium-latest")
    assert back["is_active"] and back["deprecated_at"] is None and back["is_default"]
    assert log["models_added"] == 0 and log["details"]["reactivated"] == ["mistral/mistral-medium-latest"]


def test_rerunning_the_same_list_changes_nothing_but_the_log(db):
    with db.as_service_role() as cur:
        run(cur, {"mistral": MISTRAL_TODAY})
        log = run(cur, {"mistral": MISTRAL_TODAY})
    assert (log["models_added"], log["models_deprecated"]) == (0, 0)
    assert db.execute("select count(*) as n from public.ai_model_configs").fetchone()["n"] == 17


@pytest.mark.parametrize("payload", [
    {},
    {"mistral": []},
    {"mistral": [{"model_type": "fast"}]},
    {"mistral": [m("brand-new-model")]},  # a new model needs its type
], ids=["empty", "empty-list", "no-name", "new-without-type"])
def test_malformed_runs_are_refused_and_change_nothing(db, payload):
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        with db.as_service_role() as cur:
            run(cur, payload)
    assert db.execute("select count(*) as n from public.ai_model_update_logs").fetchone()["n"] == 0
    assert db.execute("select count(*) as n from public.ai_model_configs where is_active").fetchone()["n"] == 17


def test_signed_in_users_cannot_record_a_run(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            run(cur, {"mistral": MISTRAL_TODAY})
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            run(cur, {"mistral": MISTRAL_TODAY})
