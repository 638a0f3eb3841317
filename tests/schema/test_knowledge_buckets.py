"""public.knowledge_buckets: the bucket type decides whether a campaign is named."""

from __future__ import annotations

import psycopg
import pytest


@pytest.mark.parametrize("bucket_type, with_campaign", [("campaign", False), ("general", True)],
                         ids=["campaign-without-campaign", "general-with-campaign"])
def test_the_bucket_type_decides_whether_a_campaign_is_named(db, bucket_type, with_campaign):
    user = db.new_user()
    campaign = db.make("campaigns", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="knowledge_buckets_campaign_id_check"):
        with db.as_user(user) as cur:
            cur.execute("insert into public.knowledge_buckets (created_by, name, bucket_type, campaign_id) "
                        "values (%s, 'x', %s, %s)", (user, bucket_type, campaign["id"] if with_campaign else None))
