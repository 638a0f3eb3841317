"""Status lifecycles of content_calendar and email_campaigns: legal moves pass
and stamp their timestamps, illegal moves are refused by the trigger."""

from __future__ import annotations

import psycopg
import pytest


def move(db, table: str, row_id, status: str, **extra) -> dict:
    sets = ", ".join(["status = %s"] + [f"{k} = %s" for k in extra])
    return db.execute(f"update public.{table} set {sets} where id = %s returning *",
                      [status, *extra.values(), row_id]).fetchone()


def refused(db, table: str, row_id, status: str, **extra) -> None:
    with pytest.raises(psycopg.errors.CheckViolation, match="illegal status transition"):
        with db.conn.transaction():
            move(db, table, row_id, status, **extra)


@pytest.fixture
def entry(db):
    owner = db.new_user()
    return db, owner, db.make("content_calendar", owner)


def test_calendar_entry_goes_draft_scheduled_published(entry):
    db, owner, row = entry
    assert row["status"] == "draft"
    with db.as_user(owner) as cur:
        cur.execute("update public.content_calendar set status = 'scheduled', scheduled_at = now() + interval '1 day' "
                    "where id = %s", (row["id"],))
    published = move(db, "content_calendar", row["id"], "published")
    assert published["published_at"] is not None


def test_failed_publish_can_be_retried_and_clears_the_reason(entry):
    db, _, row = entry
    move(db, "content_calendar", row["id"], "scheduled", scheduled_at="2030-01-01T09:00:00Z")
    move(db, "content_calendar", row["id"], "failed", failure_reason="token expired")
    retried = move(db, "content_calendar", row["id"], "scheduled")
    assert retried["failure_reason"] is None


@pytest.mark.parametrize("path", [["published", "draft"], ["cancelled", "scheduled"], ["failed"]],
                         ids=["published_is_final", "cancelled_is_final", "draft_cannot_fail"])
def test_illegal_calendar_transition_is_refused(entry, path):
    db, _, row = entry
    for status in path[:-1]:
        move(db, "content_calendar", row["id"], status)
    refused(db, "content_calendar", row["id"], path[-1])


def test_illegal_calendar_transition_is_refused_for_the_owner_too(entry):
    db, owner, row = entry
    move(db, "content_calendar", row["id"], "cancelled")
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.as_user(owner) as cur:
            cur.execute("update public.content_calendar set status = 'draft' where id = %s", (row["id"],))


def test_scheduled_calendar_entry_needs_a_time(entry):
    db, _, row = entry
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            move(db, "content_calendar", row["id"], "scheduled")


@pytest.fixture
def send(db):
    owner = db.new_user()
    return db, owner, db.make("email_campaigns", owner)


def test_email_campaign_goes_draft_scheduled_sending_sent(send):
    db, owner, row = send
    with db.as_user(owner) as cur:
        cur.execute("update public.email_campaigns set status = 'scheduled', scheduled_at = now() where id = %s",
                    (row["id"],))
    sending = move(db, "email_campaigns", row["id"], "sending")
    assert sending["sending_started_at"] is not None and sending["sent_at"] is None
    sent = move(db, "email_campaigns", row["id"], "sent")
    assert sent["sent_at"] is not None


def test_email_campaign_can_be_cancelled_before_sending(send):
    db, _, row = send
    assert move(db, "email_campaigns", row["id"], "cancelled")["status"] == "cancelled"


@pytest.mark.parametrize("path", [["sent"], ["sending", "draft"], ["sending", "sent", "draft"],
                                  ["cancelled", "draft"], ["sending", "cancelled"]],
                         ids=["draft_to_sent", "sending_back_to_draft", "sent_is_final", "cancelled_is_final",
                              "sending_cannot_be_cancelled"])
def test_illegal_email_campaign_transition_is_refused(send, path):
    db, _, row = send
    for status in path[:-1]:
        move(db, "email_campaigns", row["id"], status)
    refused(db, "email_campaigns", row["id"], path[-1])
