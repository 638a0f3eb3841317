"""purge_expired_user_data(): each user's retention period (user_privacy_settings.
data_retention_days) acts on the tables the function names; rows are aged by
hand and purged, rows within the period and other users' rows stay."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

PURGED = ("user_analytics_events", "knowledge_access_logs", "autopilot_activity_log", "chat_messages",
          "conversation_messages")


def aged_rows(db, user, days: int) -> dict[str, object]:
    """One row of each purged table owned by `user`, created `days` ago; their ids."""
    made = {}
    for table in PURGED:
        row = db.make(table, user)
        db.execute(sql.SQL("update public.{} set created_at = now() - make_interval(days => %s) where id = %s").format(
            sql.Identifier(table)), (days, row["id"]))
        made[table] = row["id"]
    return made


def surviving(db, ids: dict[str, object]) -> set[str]:
    return {table for table, row_id in ids.items()
            if db.execute(sql.SQL("select count(*) as n from public.{} where id = %s").format(sql.Identifier(table)),
                          (row_id,)).fetchone()["n"]}


def test_rows_past_each_users_retention_are_purged(db):
    short, default = db.new_user(), db.new_user()
    db.execute("update public.user_privacy_settings set data_retention_days = 30 where user_id = %s", (short,))
    short_old, short_new = aged_rows(db, short, 31), aged_rows(db, short, 29)
    default_old = aged_rows(db, default, 31)  # 730 days for this one: kept
    with db.as_service_role() as cur:
        counts = cur.execute("select public.purge_expired_user_data() as c").fetchone()["c"]
    assert counts == dict.fromkeys(PURGED, 1)
    assert surviving(db, short_old) == set()
    assert surviving(db, short_new) == set(PURGED)
    assert surviving(db, default_old) == set(PURGED)


def test_purged_chat_messages_leave_true_session_counters(db):
    user = db.new_user()
    db.execute("update public.user_privacy_settings set data_retention_days = 30 where user_id = %s", (user,))
    old = aged_rows(db, user, 40)
    session = db.execute("select session_id from public.chat_messages where id = %s",
                         (old["chat_messages"],)).fetchone()["session_id"]
    with db.as_service_role() as cur:
        cur.execute("select public.purge_expired_user_data()")
    assert db.execute("select message_count, total_tokens from public.chat_sessions where id = %s",
                      (session,)).fetchone() == {"message_count": 0, "total_tokens": 0}


def test_the_function_says_which_tables_it_covers(db):
    comment = db.execute("select obj_description('public.purge_expired_user_data()'::regprocedure) as c").fetchone()["c"]
    assert all(table in comment for table in PURGED)


def test_users_cannot_run_the_purge(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("select public.purge_expired_user_data()")
