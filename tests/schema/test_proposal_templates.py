"""public.proposal_templates: the sections are a JSON array."""

from __future__ import annotations

import psycopg
import pytest


def test_proposal_sections_must_be_an_array(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("proposal_templates", user_id=a, name="p", sections={"scope": "x"})
