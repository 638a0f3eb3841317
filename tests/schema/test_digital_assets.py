"""public.digital_assets: file metadata checks, and storage paths unique per owner and
inside the owner's folder (knowledge_documents.storage_path follows the same rule)."""

from __future__ import annotations

import psycopg
import pytest


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
