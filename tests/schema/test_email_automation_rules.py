"""public.email_automation_rules: the actions are a JSON array."""

from __future__ import annotations

import psycopg
import pytest


def test_automation_rule_actions_must_be_an_array(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("email_automation_rules", user_id=a, name="r", trigger_event="lead_created",
                      actions={"type": "send_email"})
