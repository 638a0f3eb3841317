"""Integrations: secrets are write-only for users, tokens are written only by the server, tenant ties hold."""

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


def test_users_cannot_store_oauth_tokens_themselves(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("insert into public.oauth_connections (user_id, platform_name, access_token_encrypted, token_iv) "
                        "values (%s, 'linkedin', '\\x01'::bytea, '\\x02'::bytea)", (user,))


def test_users_list_and_deactivate_their_connections_without_the_tokens(db):
    user = db.new_user()
    grant = db.make("oauth_connections", user)
    with db.as_user(user) as cur:
        listed = cur.execute("select platform_name, scopes, is_active from public.oauth_connections").fetchall()
        cur.execute("update public.oauth_connections set is_active = false where id = %s", (grant["id"],))
    assert listed == [{"platform_name": "linkedin", "scopes": ["w_member_social"], "is_active": True}]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("update public.oauth_connections set access_token_encrypted = '\\x00'::bytea")


def test_one_oauth_connection_per_user_and_platform(db):
    user = db.new_user()
    db.make("oauth_connections", user)
    with pytest.raises(psycopg.errors.UniqueViolation, match="oauth_connections_user_id_platform_name_key"):
        with db.as_service_role() as cur:
            cur.execute("insert into public.oauth_connections (user_id, platform_name, access_token_encrypted, token_iv) "
                        "values (%s, 'linkedin', '\\x01'::bytea, '\\x02'::bytea)", (user,))


def test_a_social_account_cannot_use_another_users_oauth_grant(db):
    a, b = db.new_user(), db.new_user()
    grant = db.make("oauth_connections", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="social_platform_connections_oauth_fkey"):
        with db.as_user(b) as cur:
            cur.execute("insert into public.social_platform_connections (user_id, oauth_connection_id, platform, account_id) "
                        "values (%s, %s, 'linkedin', 'page-1')", (b, grant["id"]))


def test_deleting_the_grant_keeps_the_social_account_and_its_owner(db):
    user = db.new_user()
    account = db.make("social_platform_connections", user)
    with db.as_user(user) as cur:
        cur.execute("delete from public.oauth_connections where id = %s", (account["oauth_connection_id"],))
    kept = db.execute("select oauth_connection_id, user_id from public.social_platform_connections where id = %s",
                      (account["id"],)).fetchone()
    assert kept == {"oauth_connection_id": None, "user_id": user}


def test_follower_counts_cannot_be_negative(db):
    user = db.new_user()
    account = db.make("social_platform_connections", user)
    for column in ("follower_count", "following_count"):
        with pytest.raises(psycopg.errors.CheckViolation, match=f"{column}_check"):
            with db.as_service_role() as cur:  # the sync worker: the counts are server-kept
                cur.execute(f"update public.social_platform_connections set {column} = -1 where id = %s",
                            (account["id"],))


def test_integration_credentials_are_write_only(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        cur.execute("insert into public.integration_connections (user_id, provider, config, credentials_encrypted) "
                    "values (%s, 'slack', '{\"channel\": \"#leads\"}', '\\x09'::bytea)", (user,))
        visible = cur.execute("select provider, status, config from public.integration_connections").fetchall()
    assert visible == [{"provider": "slack", "status": "pending", "config": {"channel": "#leads"}}]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("select credentials_encrypted from public.integration_connections")
