"""public.webhooks: the secret is write-only, delivery bookkeeping is the server's, the URL
is https and the events are named."""

from __future__ import annotations

import psycopg
import pytest


def test_a_user_sets_a_webhook_secret_but_cannot_read_it_back(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        hook = cur.execute(
            "insert into public.webhooks (user_id, name, url, events, secret_encrypted) "
            "values (%s, 'crm', 'https://hooks.example.test/in', '{lead.created}', '\\x0102'::bytea) returning id",
            (user,)).fetchone()
        cur.execute("update public.webhooks set secret_encrypted = '\\x0304'::bytea where id = %s", (hook["id"],))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("select * from public.webhooks where id = %s", (hook["id"],))
    stored = db.execute("select secret_encrypted from public.webhooks where id = %s", (hook["id"],)).fetchone()
    assert bytes(stored["secret_encrypted"]) == b"\x03\x04"


@pytest.mark.parametrize("column", ["failure_count", "last_triggered_at", "last_status_code"])
def test_delivery_bookkeeping_of_a_webhook_is_the_servers(db, column):
    user = db.new_user()
    hook = db.make("webhooks", user)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute(f"update public.webhooks set {column} = null where id = %s", (hook["id"],))


@pytest.mark.parametrize("url", ["http://hooks.example.test/in", "ftp://x", "https://", "https://a b"])
def test_a_webhook_url_must_be_https(db, url):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="webhooks_url_check"):
        with db.as_user(user) as cur:
            cur.execute("insert into public.webhooks (user_id, name, url, events) values (%s, 'h', %s, '{lead.created}')",
                        (user, url))


@pytest.mark.parametrize("events", [[], ["lead.created", None]])
def test_a_webhook_needs_named_events(db, events):
    user = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation, match="webhooks_events_check"):
        with db.as_user(user) as cur:
            cur.execute("insert into public.webhooks (user_id, name, url, events) "
                        "values (%s, 'h', 'https://hooks.example.test/in', %s::text[])", (user, events))
