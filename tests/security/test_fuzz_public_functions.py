"""Every function a signed-in user may execute, fuzzed as that user: NULLs,
empty and huge values, wrong shapes, unknown statuses, non-finite numbers
and dates, another user's ids. Each case ends in a result or in an error
with a named SQLSTATE: never an internal error, an unnamed RAISE (P0001), a
reference to something that does not exist, or a hang."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from psycopg import sql

from tests.factories.knowledge import unit_vector

# SQLSTATEs that are not a clear answer to bad input
UNCLEAR = {
    "XX000": "internal error", "P0001": "RAISE without an errcode", "42703": "undefined column",
    "42P01": "undefined table", "42883": "undefined function", "57014": "statement timeout (a hang)",
}
HUGE = "x" * 10_000_000
ZERO = "[" + ",".join(["0"] * 1536) + "]"


def fuzz_values(type_name: str, other_user: str) -> list:
    return {
        "uuid": [None, str(uuid.uuid4()), other_user],
        "text": [None, "", HUGE, "no-such-status", "'; drop table public.leads; --", "\u00e9t\u00e9"],
        "jsonb": [None, "{}", "[]", '"x"', "[1, 2]", '{"a": 1}', json.dumps([{"chunk_id": "nope"}]),
                  json.dumps([{}] * 5000)],
        "integer": [None, 0, -1, 2147483647],
        "double precision": [None, "NaN", "Infinity", "-Infinity", -1, 2],
        "numeric": [None, "NaN", -1, "1e100"],
        "date": [None, "infinity", "-infinity", "2026-01-06"],
        "extensions.vector": [None, ZERO, "[1,2,3]", unit_vector(1)],
        "uuid[]": [None, "{}", "{NULL}", "{" + other_user + "}", "{" + ",".join([other_user] * 1001) + "}"],
        "regclass": [None, "public.leads", "public.knowledge_chunks", "public.conversations", "pg_catalog.pg_class"],
    }[type_name]


def good_value(name: str, type_name: str, me: str):
    return {
        "p_user_id": me, "p_provider": "anthropic", "p_model_type": "flagship", "p_query_hash": "a" * 32,
        "p_state": "s" * 32, "p_reason": "moving on", "p_week_start": "2026-01-05",
    }.get(name) or {
        "uuid": str(uuid.uuid4()), "text": "x", "jsonb": "[]", "integer": 10, "double precision": 0.5,
        "numeric": 1, "date": "2026-01-05", "extensions.vector": unit_vector(1), "uuid[]": "{}",
        "regclass": "public.knowledge_chunks",
    }[type_name]


def callable_functions(conn) -> list[tuple[str, list[tuple[str, str]]]]:
    rows = conn.execute(
        """
        select p.proname,
               coalesce(array_agg(a.name order by a.ord) filter (where a.name is not null), '{}') as names,
               coalesce(array_agg(format_type(a.type, null) order by a.ord) filter (where a.name is not null),
                        '{}') as types
        from pg_proc as p
        left join lateral unnest(p.proargnames[1:p.pronargs], p.proargtypes::oid[]) with ordinality
            as a (name, type, ord) on true
        where p.pronamespace = 'public'::regnamespace
          and p.prorettype <> 'trigger'::regtype
          and has_function_privilege('authenticated', p.oid, 'EXECUTE')
        group by p.oid, p.proname
        order by p.proname
        """).fetchall()
    return [(name, list(zip(names, types))) for name, names, types in rows]


# Fixed here so each case has a readable id; the first test checks it against the catalog, so a new
# function a user may call fails the suite until it is fuzzed too.
FUNCTIONS = {
    "autopilot_committed_budget": [("p_user_id", "uuid")],
    "calculate_lead_score": [("p_lead_id", "uuid")],
    "confirm_data_deletion": [("p_request_id", "uuid")],
    "consume_oauth_state": [("p_state", "text")],
    "export_user_data": [("p_user_id", "uuid")],
    "get_autopilot_dashboard_stats": [("p_user_id", "uuid")],
    "get_default_model": [("p_provider", "text"), ("p_model_type", "text")],
    "embedding_graph_from": [],
    "log_knowledge_access": [("p_user_id", "uuid"), ("p_query_hash", "text"), ("p_chunk_ids", "uuid[]"),
                             ("p_top_similarity", "double precision"), ("p_limit", "integer"),
                             ("p_similarity_threshold", "double precision"), ("p_duration_ms", "numeric")],
    "nearest_by_embedding_graph": [("p_table", "regclass"), ("p_user_id", "uuid"),
                                   ("p_query_embedding", "extensions.vector"), ("p_limit", "integer")],
    "request_data_deletion": [("p_reason", "text")],
    "request_data_export": [],
    "search_conversations": [("p_user_id", "uuid"), ("p_query_embedding", "extensions.vector"),
                             ("p_limit", "integer"), ("p_similarity_threshold", "double precision")],
    "search_knowledge_chunks": [("p_user_id", "uuid"), ("p_query_embedding", "extensions.vector"),
                                ("p_limit", "integer"), ("p_similarity_threshold", "double precision")],
    "trigger_autopilot_optimization": [("p_user_id", "uuid")],
    "trigger_autopilot_weekly_report": [("p_user_id", "uuid"), ("p_week_start", "date")],
}


def test_the_fuzzed_set_is_every_function_a_user_may_call(db):
    assert dict(callable_functions(db.conn)) == FUNCTIONS


def call(db, user, function: str, args: list[tuple[str, str]], values: list):
    placeholders = sql.SQL(", ").join(
        sql.SQL("{} => %s::{}").format(sql.Identifier(n), sql.SQL(t)) for n, t in args)
    query = sql.SQL("select * from public.{}({})").format(sql.Identifier(function), placeholders)
    with db.as_user(user) as cur:
        cur.execute("set local statement_timeout = '60s'")
        cur.execute(query, values).fetchall()


@pytest.mark.parametrize("function", sorted(FUNCTIONS))
def test_bad_input_gets_a_named_error_or_a_result(db, function):
    me, other = db.new_user(), db.new_user()
    db.insert("marketing_autopilot_config", user_id=me, business_description="x")
    db.make("knowledge_chunks", me)
    args = FUNCTIONS[function]
    good = [good_value(n, t, str(me)) for n, t in args]
    outcomes = []
    runs = [list(good)] + [good[:i] + [v] + good[i + 1:] for i, (_, t) in enumerate(args)
                           for v in fuzz_values(t, str(other))]
    for values in runs:
        try:
            call(db, me, function, args, values)
            outcomes.append("ok")
        except psycopg.Error as error:
            state = error.sqlstate
            shown = [str(v)[:40] if v is not None else None for v in values]
            assert state not in UNCLEAR, f"{function}{tuple(shown)}: {UNCLEAR[state]}: {error}"
            assert state and str(error).strip(), f"{function}{tuple(shown)}: an error without a SQLSTATE or message"
            outcomes.append(state)
    assert len(outcomes) == len(runs)
