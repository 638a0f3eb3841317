"""Denormalised figures stay true: each figure is compared with a recount of its
source rows after the source rows change every way (insert, update, move to
another parent, delete), written by the signed-in owner as the app does."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.factories.knowledge import unit_vector


def session_figures(db, session_id):
    return db.execute("select message_count, total_tokens, last_message_at from public.chat_sessions where id = %s",
                      (session_id,)).fetchone()


def session_recount(db, session_id):
    return db.execute(
        "select count(*)::integer as message_count, coalesce(sum(total_tokens), 0)::bigint as total_tokens, "
        "max(created_at) as last_message_at from public.chat_messages where session_id = %s",
        (session_id,)).fetchone()


def test_chat_session_figures_follow_messages_every_way(db):
    a = db.new_user()
    s1, s2 = db.make("chat_sessions", a), db.make("chat_sessions", a)
    with db.as_user(a) as cur:
        def add(session, prompt, completion, at):
            return cur.execute(
                "insert into public.chat_messages (session_id, user_id, role, content, prompt_tokens, "
                "completion_tokens, created_at) values (%s, %s, 'user', 'hi', %s, %s, %s) returning id",
                (session["id"], a, prompt, completion, at)).fetchone()["id"]

        t0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        first = add(s1, 5, 5, t0)
        second = add(s1, 40, 50, t0 + datetime.timedelta(minutes=1))
        assert session_figures(db, s1["id"]) == session_recount(db, s1["id"])
        assert session_figures(db, s1["id"])["total_tokens"] == 100

        # the case: an edit from 90 to 500 tokens, then the delete
        cur.execute("update public.chat_messages set completion_tokens = 460 where id = %s", (second,))
        assert session_figures(db, s1["id"]) == session_recount(db, s1["id"])
        assert session_figures(db, s1["id"])["total_tokens"] == 510
        cur.execute("delete from public.chat_messages where id = %s", (second,))
        assert session_figures(db, s1["id"]) == session_recount(db, s1["id"])
        assert session_figures(db, s1["id"])["total_tokens"] == 10

        # a back-dated edit moves last_message_at back
        add(s1, 1, 1, t0 + datetime.timedelta(hours=1))
        cur.execute("update public.chat_messages set created_at = %s where session_id = %s and prompt_tokens = 1",
                    (t0 - datetime.timedelta(hours=1), s1["id"]))
        assert session_figures(db, s1["id"]) == session_recount(db, s1["id"])

        # a message moved to another session leaves one and joins the other
        cur.execute("update public.chat_messages set session_id = %s where id = %s", (s2["id"], first))
        for s in (s1, s2):
            assert session_figures(db, s["id"]) == session_recount(db, s["id"])
        cur.execute("delete from public.chat_messages where session_id in (%s, %s)", (s1["id"], s2["id"]))
        for s in (s1, s2):
            assert session_figures(db, s["id"]) == {"message_count": 0, "total_tokens": 0, "last_message_at": None}


def spent(db, campaign):
    return db.execute("select spent from public.campaigns where id = %s", (campaign["id"],)).fetchone()["spent"]


def spend_recount(db, campaign):
    return db.execute("select coalesce(sum(spend), 0) as s from public.campaign_metrics where campaign_id = %s",
                      (campaign["id"],)).fetchone()["s"]


def test_campaign_spent_follows_metrics_every_way(db):
    a = db.new_user()
    c1, c2 = db.make("campaigns", a), db.make("campaigns", a)
    day = datetime.date(2026, 1, 1)
    with db.as_user(a) as cur:
        for i, amount in enumerate((1000, 300, 60)):
            cur.execute("insert into public.campaign_metrics (campaign_id, created_by, metric_date, spend) "
                        "values (%s, %s, %s, %s)", (c1["id"], a, day + datetime.timedelta(days=i), amount))
        assert spent(db, c1) == spend_recount(db, c1) == Decimal("1360.00")
        cur.execute("update public.campaign_metrics set spend = spend + 0.5 where campaign_id = %s", (c1["id"],))
        assert spent(db, c1) == spend_recount(db, c1) == Decimal("1361.50")
        cur.execute("update public.campaign_metrics set campaign_id = %s where campaign_id = %s and spend = 60.5",
                    (c2["id"], c1["id"]))
        assert (spent(db, c1), spent(db, c2)) == (spend_recount(db, c1), spend_recount(db, c2)) \
            == (Decimal("1301.00"), Decimal("60.50"))
        cur.execute("delete from public.campaign_metrics where campaign_id = %s and spend = 300.5", (c1["id"],))
        assert spent(db, c1) == spend_recount(db, c1) == Decimal("1000.50")
        cur.execute("delete from public.campaign_metrics")
        assert (spent(db, c1), spent(db, c2)) == (0, 0)


def chunk_count(db, document):
    return db.execute("select chunk_count from public.knowledge_documents where id = %s",
                      (document["id"],)).fetchone()["chunk_count"]


def chunk_recount(db, document):
    return db.execute("select count(*) as n from public.knowledge_chunks where document_id = %s",
                      (document["id"],)).fetchone()["n"]


def test_document_chunk_count_follows_chunks_every_way(db):
    a = db.new_user()
    d1, d2 = db.make("knowledge_documents", a), db.make("knowledge_documents", a)
    with db.as_user(a) as cur:
        cur.execute("insert into public.knowledge_chunks (document_id, user_id, chunk_index, content, embedding) "
                    "select %s, %s, i, 'text', %s from generate_series(0, 4) as i", (d1["id"], a, unit_vector(1)))
        assert chunk_count(db, d1) == chunk_recount(db, d1) == 5
        cur.execute("update public.knowledge_chunks set content = 'edited' where document_id = %s", (d1["id"],))
        assert chunk_count(db, d1) == chunk_recount(db, d1) == 5
        cur.execute("update public.knowledge_chunks set document_id = %s where document_id = %s and chunk_index < 2",
                    (d2["id"], d1["id"]))
        assert (chunk_count(db, d1), chunk_count(db, d2)) == (chunk_recount(db, d1), chunk_recount(db, d2)) == (3, 2)
        cur.execute("delete from public.knowledge_chunks where document_id = %s and chunk_index = 4", (d1["id"],))
        assert chunk_count(db, d1) == chunk_recount(db, d1) == 2
    # the chunking worker writes as service_role: the same figure
    with db.as_service_role() as cur:
        cur.execute("delete from public.knowledge_chunks where document_id = %s", (d2["id"],))
    assert chunk_count(db, d2) == chunk_recount(db, d2) == 0


@pytest.fixture
def autopilot_user(db):
    a = db.new_user()
    db.insert("marketing_autopilot_config", user_id=a, business_description="Dog treats", monthly_budget=1000)
    today = db.execute("select (now() at time zone 'UTC')::date as d").fetchone()["d"]
    win = db.insert("campaigns", created_by=a, name="win", budget=200, auto_managed=True, status="active")
    other = db.insert("campaigns", created_by=a, name="other", budget=700, auto_managed=True, status="active")
    manual = db.insert("campaigns", created_by=a, name="manual", budget=5000, auto_managed=False, status="active")
    db.insert("campaign_metrics", campaign_id=win["id"], created_by=a, metric_date=today - datetime.timedelta(days=1),
              spend=100, revenue=400, conversions=5)
    # month-to-date spend of a manual campaign: not part of the monthly budget's definition
    db.insert("campaign_metrics", campaign_id=manual["id"], created_by=a, metric_date=today, spend=1360)
    return a, win, other


def budget_remaining(db, user):
    with db.as_user(user) as cur:
        return cur.execute("select budget_remaining from public.get_autopilot_dashboard_stats(%s)",
                           (user,)).fetchone()["budget_remaining"]


def test_optimiser_and_dashboard_share_the_monthly_budget(db, autopilot_user):
    a, win, other = autopilot_user
    # committed: 200 + 700 of 1000 -> 100 left, whatever was spent this month
    assert budget_remaining(db, a) == Decimal("100.00")
    db.execute("select public.run_autopilot_optimization(%s)", (a,))
    # the optimiser raised win by 20 % (40): the dashboard sees what it left
    assert db.execute("select budget from public.campaigns where id = %s", (win["id"],)).fetchone()["budget"] \
        == Decimal("240.00")
    assert budget_remaining(db, a) == Decimal("60.00")
    committed = db.execute("select public.autopilot_committed_budget(%s) as c", (a,)).fetchone()["c"]
    assert committed == Decimal("940.00")


def test_entries_of_one_run_keep_their_order(db, autopilot_user):
    a, *_ = autopilot_user
    db.execute("select public.run_autopilot_optimization(%s)", (a,))
    # one transaction: now() is the same for every entry, clock_timestamp() is not
    kinds = [r["activity_type"] for r in db.execute(
        "select activity_type from public.autopilot_activity_log where user_id = %s order by created_at desc",
        (a,)).fetchall()]
    assert kinds == ["optimization_run", "budget_adjusted"]
    distinct = db.execute("select count(distinct created_at) as n, count(*) as total from public.autopilot_activity_log "
                          "where user_id = %s", (a,)).fetchone()
    assert distinct["n"] == distinct["total"] == 2
