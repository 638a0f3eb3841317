"""Bad input gets a clear error, never a silent wrong answer: each case as a
signed-in user, as the issue reproduced it."""

from __future__ import annotations

import json
import re

import psycopg
import pytest

from tests.factories.knowledge import unit_vector

ZERO = "[" + ",".join(["0"] * 1536) + "]"
SEARCHES = ("search_knowledge_chunks", "search_conversations")


@pytest.fixture
def searcher(db):
    user = db.new_user()
    chunk = db.make("knowledge_chunks", user)
    db.execute("update public.conversations set embedding = %s where user_id = %s", (unit_vector(3), user))
    db.make("conversations", user)
    return user, chunk


@pytest.mark.parametrize("function", SEARCHES)
def test_a_zero_query_vector_is_refused(db, searcher, function):
    user, _ = searcher
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="p_query_embedding has zero norm"):
        with db.as_user(user) as cur:
            cur.execute(f"select * from public.{function}(%s, %s::extensions.vector, 10, 0.99)", (user, ZERO))


@pytest.mark.parametrize("function", SEARCHES)
def test_a_null_query_vector_names_the_parameter(db, searcher, function):
    user, _ = searcher
    with pytest.raises(psycopg.errors.NullValueNotAllowed, match="p_query_embedding must not be NULL"):
        with db.as_user(user) as cur:
            cur.execute(f"select * from public.{function}(%s, null, 10, 0)", (user,))


def test_a_real_query_vector_still_finds_its_chunk(db, searcher):
    user, chunk = searcher
    with db.as_user(user) as cur:
        found = cur.execute("select chunk_id from public.search_knowledge_chunks(%s, %s::extensions.vector, 10, 0)",
                            (user, unit_vector(1))).fetchall()
    assert [r["chunk_id"] for r in found] == [chunk["id"]]


@pytest.mark.parametrize("value", ["infinity", "-infinity"])
def test_weekly_reports_refuse_a_non_finite_week(db, value):
    user = db.new_user()
    db.insert("marketing_autopilot_config", user_id=user, business_description="x")
    with pytest.raises(psycopg.errors.CheckViolation, match="week_start_date_is_finite"):
        with db.as_service_role() as cur:
            cur.execute("select public.generate_autopilot_weekly_report(%s, %s::date)", (user, value))
    with pytest.raises(psycopg.errors.CheckViolation, match="week_start_date_is_finite"):
        with db.as_service_role() as cur:
            cur.execute("insert into public.autopilot_weekly_reports (user_id, week_start_date) values (%s, %s)",
                        (user, value))


@pytest.mark.parametrize("table, columns", [
    ("campaigns", "(created_by, name, start_date) values (%(u)s, 'c', %(v)s::date)"),
    ("analytics_reports", "(user_id, report_type, title, period_start, period_end) "
                          "values (%(u)s, 'roi', 't', '2026-01-01', %(v)s::date)"),
    ("performance_analytics", "(user_id, entity_type, granularity, period_start, period_end) "
                              "values (%(u)s, 'account', 'day', '2026-01-01', %(v)s::date)"),
], ids=["campaigns", "analytics_reports", "performance_analytics"])
def test_dates_under_a_check_must_be_finite(db, table, columns):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="finite"):
        with db.as_user(user) as cur:
            cur.execute(f"insert into public.{table} {columns}", {"u": user, "v": "infinity"})


@pytest.mark.parametrize("header, recorded", [
    ("198.51.100.9, 203.0.113.7", "203.0.113.7"),          # forged first hop, platform's last hop
    ("203.0.113.7", "203.0.113.7"),
    ("1.2.3.4,   2001:db8::1  ", "2001:db8::1"),
    ("not-an-address", None),                             # never fails the audited action
    ("203.0.113.7, 999.1.1.1", None),
])
def test_the_privacy_audit_records_the_last_forwarded_hop(db, header, recorded):
    user = db.new_user()
    db.execute("select set_config('request.headers', %s, true)", (json.dumps({"x-forwarded-for": header}),))
    with db.as_user(user) as cur:
        cur.execute("select id from public.request_data_export()")
    address = db.execute("select host(ip_address) as ip from public.privacy_audit_log where user_id = %s "
                         "and event_type = 'export_requested'", (user,)).fetchone()["ip"]
    assert address == recorded


def user_writable_text_and_jsonb(db) -> list[dict]:
    return db.execute(
        """
        select c.relname as table, a.attname as column, a.atttypid = 'jsonb'::regtype as is_json,
               coalesce(col_description(c.oid, a.attnum), '') as comment,
               (select string_agg(pg_get_constraintdef(k.oid), ' ')
                from pg_constraint as k
                where k.conrelid = c.oid and k.contype = 'c' and k.conkey = array[a.attnum]
                  and k.conname = c.relname || '_' || a.attname || '_size') as size_check
        from pg_class as c
        join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and a.attgenerated = ''
          and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype)
          and (has_column_privilege('authenticated', c.oid, a.attnum, 'INSERT')
               or has_column_privilege('authenticated', c.oid, a.attnum, 'UPDATE'))
        order by 1, 2
        """).fetchall()


def test_every_user_writable_text_and_jsonb_column_has_a_stated_size_cap(db):
    columns = user_writable_text_and_jsonb(db)
    assert len(columns) > 200
    missing = [f"{c['table']}.{c['column']}" for c in columns if not c["size_check"]]
    assert not missing, f"no size cap: {missing}"
    for c in columns:
        cap = int(re.search(r"<= (\d+)", c["size_check"]).group(1))
        assert f"At most {cap:,} bytes" in c["comment"], f"{c['table']}.{c['column']}: the comment does not state the cap"


def test_a_ten_megabyte_deletion_reason_is_refused(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="data_deletion_requests_reason_size"):
        with db.as_user(user) as cur:
            cur.execute("select public.request_data_deletion(%s)", ("x" * 10_000_000,))
    with db.as_user(user) as cur:
        cur.execute("select public.request_data_deletion(%s)", ("moving to another tool",))


@pytest.mark.parametrize("table, column, cap", [
    ("chat_messages", "content", 200_000), ("leads", "notes", 20_000), ("leads", "first_name", 2_048),
    ("campaigns", "metrics", 1_000_000)])
def test_a_write_at_the_cap_passes_and_one_byte_more_is_refused(db, table, column, cap):
    user = db.new_user()
    row = db.make(table, user)
    is_json = column == "metrics"

    def value(size):
        return json.dumps({"k": "x" * (size - len('{"k": ""}'))}) if is_json else "x" * size

    cast = "::jsonb" if is_json else ""
    with db.as_user(user) as cur:
        cur.execute(f"update public.{table} set {column} = %s{cast} where id = %s", (value(cap), row["id"]))
    with pytest.raises(psycopg.errors.CheckViolation, match=f"{table}_{column}_size"):
        with db.as_user(user) as cur:
            cur.execute(f"update public.{table} set {column} = %s{cast} where id = %s", (value(cap + 1), row["id"]))
