"""0004_content_assets: calendar entries and brand assets are tied to their
owner's campaigns, templates and files; checks on file metadata and brand
values."""

from __future__ import annotations

import psycopg
import pytest


def test_calendar_entry_cannot_point_at_another_users_campaign(db):
    a, b = db.new_user(), db.new_user()
    campaign = db.make("campaigns", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.content_calendar (created_by, campaign_id, title, platform) "
                        "values (%s, %s, 't', 'linkedin')", (b, campaign["id"]))


def test_deleting_the_campaign_keeps_the_calendar_entry_and_its_owner(db):
    a = db.new_user()
    campaign = db.make("campaigns", a)
    entry = db.insert("content_calendar", created_by=a, campaign_id=campaign["id"], title="t", platform="x")
    db.execute("delete from public.campaigns where id = %s", (campaign["id"],))
    row = db.execute("select created_by, campaign_id from public.content_calendar where id = %s",
                     (entry["id"],)).fetchone()
    assert row == {"created_by": a, "campaign_id": None}


def test_calendar_entry_cannot_use_another_users_template(db):
    a, b = db.new_user(), db.new_user()
    template = db.make("content_templates", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("content_calendar", created_by=b, template_id=template["id"], title="t", platform="x")


def test_brand_asset_cannot_use_another_users_file(db):
    a, b = db.new_user(), db.new_user()
    asset = db.make("digital_assets", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_user(b) as cur:
            cur.execute("insert into public.brand_assets (user_id, digital_asset_id, asset_type, name) "
                        "values (%s, %s, 'logo', 'stolen')", (b, asset["id"]))


def test_negative_file_size_is_refused(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("digital_assets", user_id=a, file_name="f.png", storage_path=f"{a}/f.png",
                      mime_type="image/png", size_bytes=-1)


def test_storage_path_is_unique_per_owner(db):
    a = db.new_user()
    db.insert("digital_assets", user_id=a, file_name="f.png", storage_path=f"{a}/f.png",
              mime_type="image/png", size_bytes=1)
    with pytest.raises(psycopg.errors.UniqueViolation):
        with db.conn.transaction():
            db.insert("digital_assets", user_id=a, file_name="f.png", storage_path=f"{a}/f.png",
                      mime_type="image/png", size_bytes=1)


@pytest.mark.parametrize("path", ["{a}/f.png", "{a}/sub/f.png", "{a}/new.png", "shared/f.png", "f.png"],
                         ids=["register-As-file", "As-subfolder", "claim-before-A-uploads", "shared-folder", "root"])
def test_a_user_cannot_register_probe_or_claim_a_path_outside_own_folder(db, path):
    """B neither registers A's file, nor learns from a unique-key error whether a path exists in A's
    folder, nor claims a path there first: every path must start with B's own id."""
    a, b = db.new_user(), db.new_user()
    db.insert("digital_assets", user_id=a, file_name="f.png", storage_path=f"{a}/f.png",
              mime_type="image/png", size_bytes=1)
    with pytest.raises(psycopg.errors.CheckViolation, match="digital_assets_storage_path_in_owner_folder"):
        with db.as_user(b) as cur:
            cur.execute("insert into public.digital_assets (user_id, file_name, storage_path, mime_type, size_bytes) "
                        "values (%s, 'f.png', %s, 'image/png', 1)", (b, path.format(a=a)))
    with pytest.raises(psycopg.errors.CheckViolation, match="knowledge_documents_storage_path_in_owner_folder"):
        bucket = db.make("knowledge_buckets", b)
        with db.as_user(b) as cur:
            cur.execute("insert into public.knowledge_documents (user_id, bucket_id, title, source_type, storage_path) "
                        "values (%s, %s, 'doc', 'upload', %s)", (b, bucket["id"], path.format(a=a)))


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


def test_proposal_sections_must_be_an_array(db):
    a = db.new_user()
    with pytest.raises(psycopg.errors.CheckViolation):
        with db.conn.transaction():
            db.insert("proposal_templates", user_id=a, name="p", sections={"scope": "x"})
