"""Analytics: periods in order, value ranges, uniqueness, lower-case keywords, the latest-reading
index (report and insight lifecycles: test_lifecycles.py; ties to campaigns: test_tenant_ties.py)."""

from __future__ import annotations

import datetime
import uuid

import psycopg
import pytest


@pytest.mark.parametrize("table", ["analytics_reports", "performance_analytics"])
def test_a_period_cannot_end_before_it_starts(db, table):
    user = db.new_user()
    row = db.make(table, user)
    with pytest.raises(psycopg.errors.CheckViolation, match=f"{table}_period_check"):
        with db.as_user(user) as cur:
            cur.execute(f"update public.{table} set period_end = period_start - 1 where id = %s", (row["id"],))


def test_an_account_period_is_aggregated_once(db):
    user = db.new_user()
    row = dict(user_id=user, entity_type="account", granularity="month", period_start=datetime.date(2026, 11, 1),
               period_end=datetime.date(2026, 11, 30))
    db.insert("performance_analytics", **row)
    with pytest.raises(psycopg.errors.UniqueViolation, match="performance_analytics_entity_period_key"):
        with db.as_user(user) as cur:
            cur.execute("insert into public.performance_analytics (user_id, entity_type, granularity, period_start, "
                        "period_end) values (%(user_id)s, %(entity_type)s, %(granularity)s, %(period_start)s, "
                        "%(period_end)s)", row)


def test_an_account_row_has_no_entity_and_an_entity_row_has_one(db):
    user = db.new_user()
    for entity_type, entity_id in (("account", uuid.uuid4()), ("campaign", None)):
        with pytest.raises(psycopg.errors.CheckViolation, match="performance_analytics_entity_check"):
            with db.as_user(user) as cur:
                cur.execute("insert into public.performance_analytics (user_id, entity_type, entity_id, period_start, "
                            "period_end) values (%s, %s, %s, '2026-11-01', '2026-11-01')", (user, entity_type, entity_id))


@pytest.mark.parametrize("table, column, value", [
    ("ai_insights", "confidence", 1.01), ("ai_insights", "confidence", -0.1),
    ("keyword_research", "difficulty", 101), ("keyword_research", "search_volume", -1),
    ("keyword_research", "cpc", -0.5),
])
def test_values_out_of_range_are_refused(db, table, column, value):
    user = db.new_user()
    row = db.make(table, user)
    with pytest.raises(psycopg.errors.CheckViolation, match=f"{table}_{column}_check"):
        with db.as_user(user) as cur:
            cur.execute(f"update public.{table} set {column} = %s where id = %s", (value, row["id"]))


def research(cur, user, keyword, location="global", language="en"):
    cur.execute("insert into public.keyword_research (user_id, keyword, location, language) values (%s, %s, %s, %s)",
                (user, keyword, location, language))


def test_a_keyword_is_researched_once_per_user_location_and_language(db):
    a, b = db.new_user(), db.new_user()
    with db.as_user(a) as cur:
        research(cur, a, "crm")
        research(cur, a, "crm", location="de")
        research(cur, a, "crm", language="de")
    with db.as_user(b) as cur:
        research(cur, b, "crm")
    with pytest.raises(psycopg.errors.UniqueViolation, match="keyword_research_user_id_keyword_location_language_key"):
        with db.as_user(a) as cur:
            research(cur, a, "crm", location="de")


@pytest.mark.parametrize("keyword", ["CRM", " crm", ""])
def test_keywords_are_stored_lower_case_and_trimmed(db, keyword):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="keyword_research_keyword_check"):
        with db.as_user(user) as cur:
            research(cur, user, keyword)


def test_the_latest_reading_of_an_entity_comes_from_the_index(db):
    user = db.new_user()
    entity = uuid.uuid4()
    for minutes, value in ((0, 5), (1, 9), (2, 7)):
        db.insert("real_time_metrics", user_id=user, entity_type="landing_page", entity_id=entity,
                  metric_name="visitors_now", metric_value=value,
                  recorded_at=datetime.datetime(2026, 11, 1, 12, minutes, tzinfo=datetime.timezone.utc))
    query = ("select metric_value from public.real_time_metrics where user_id = %s and entity_type = 'landing_page' "
             "and entity_id = %s and metric_name = 'visitors_now' order by recorded_at desc limit 1")
    with db.as_user(user) as cur:
        assert cur.execute(query, (user, entity)).fetchone()["metric_value"] == 7
    db.execute("set local enable_seqscan = off")
    plan = db.execute("explain (format json) " + query, (user, entity)).fetchone()
    assert "real_time_metrics_latest_idx" in str(plan)
    assert "Sort" not in str(plan)
