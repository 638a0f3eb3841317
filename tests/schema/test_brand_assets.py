"""public.brand_assets: colours carry a hex value, and one primary asset per type."""

from __future__ import annotations

import psycopg
import pytest


@pytest.mark.parametrize("value", [{}, {"hex": "blue"}, {"hex": "#12345"}])
def test_brand_colour_needs_a_hex_value(db, value):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("brand_assets", user_id=a, asset_type="color", name="primary", value=value)


def test_only_one_primary_brand_asset_per_type(db):
    a = db.new_user()
    db.insert("brand_assets", user_id=a, asset_type="color", name="c1", value={"hex": "#112233"}, is_primary=True)
    db.insert("brand_assets", user_id=a, asset_type="color", name="c2", value={"hex": "#445566"})
    with pytest.raises(psycopg.errors.UniqueViolation):
        with db.conn.transaction():
            db.insert("brand_assets", user_id=a, asset_type="color", name="c3", value={"hex": "#778899"},
                      is_primary=True)
