"""public.oauth_connections: tokens are written by the server only; users list and
deactivate their connections without seeing the tokens."""

from __future__ import annotations

import psycopg
import pytest


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
