"""public.generated_content_pieces: published content keeps its publication date (its
lifecycle: test_lifecycles.py)."""

from __future__ import annotations

import psycopg
import pytest


def test_published_content_cannot_lose_its_publication_date(db):
    user = db.new_user()
    piece = db.insert("generated_content_pieces", user_id=user, content_type="email", body="Hi", status="published")
    assert piece["published_at"] is not None
    with pytest.raises(psycopg.errors.CheckViolation, match="generated_content_pieces_published_at_check"):
        with db.as_service_role() as cur:  # published_at is server-kept: only the server could try
            cur.execute("update public.generated_content_pieces set published_at = null where id = %s", (piece["id"],))
