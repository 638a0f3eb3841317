"""public.social_platform_connections: follower counts are never negative."""

from __future__ import annotations

import psycopg
import pytest


def test_follower_counts_cannot_be_negative(db):
    user = db.new_user()
    account = db.make("social_platform_connections", user)
    for column in ("follower_count", "following_count"):
        with pytest.raises(psycopg.errors.CheckViolation, match=f"{column}_check"):
            with db.as_service_role() as cur:  # the sync worker: the counts are server-kept
                cur.execute(f"update public.social_platform_connections set {column} = -1 where id = %s",
                            (account["id"],))
