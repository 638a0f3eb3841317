"""public.campaigns: names unique per user, and dates in order (its lifecycle: test_lifecycles.py)."""

from __future__ import annotations

import datetime

import psycopg
import pytest


def test_campaign_names_are_unique_per_user_only(db):
    a, b = db.new_user(), db.new_user()
    db.insert("campaigns", created_by=a, name="Spring launch")
    db.insert("campaigns", created_by=b, name="Spring launch")
    with pytest.raises(psycopg.errors.UniqueViolation, match="campaigns_created_by_name_key"):
        with db.conn.transaction():
            db.insert("campaigns", created_by=a, name="Spring launch")


def test_campaign_cannot_end_before_it_starts(db):
    user = db.new_user()
    db.insert("campaigns", created_by=user, name="One day", start_date=datetime.date(2026, 3, 1),
              end_date=datetime.date(2026, 3, 1))
    with pytest.raises(psycopg.errors.CheckViolation, match="campaigns_dates_check"):
        with db.conn.transaction():
            db.insert("campaigns", created_by=user, name="Backwards", start_date=datetime.date(2026, 3, 2),
                      end_date=datetime.date(2026, 3, 1))
