"""public.integration_connections: credentials are write-only."""

from __future__ import annotations

import psycopg
import pytest


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
