"""public.campaign_metrics: one row per campaign and day."""

from __future__ import annotations

import psycopg
import pytest


def test_one_metrics_row_per_campaign_and_day(db):
    user = db.new_user()
    row = db.make("campaign_metrics", user)
    with pytest.raises(psycopg.errors.UniqueViolation, match="campaign_metrics_campaign_id_metric_date_key"):
        with db.conn.transaction():
            db.insert("campaign_metrics", campaign_id=row["campaign_id"], created_by=user,
                      metric_date=row["metric_date"])
