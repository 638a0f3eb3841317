"""Knowledge rows hang only under their own tenant's parents: buckets under the owner's
campaign, documents under the owner's bucket, chunks under the owner's document; and the
bucket type decides whether a campaign is named."""

from __future__ import annotations

import psycopg
import pytest


def test_a_chunk_cannot_hang_under_another_users_document(db):
    a, b = db.new_user(), db.new_user()
    document = db.make("knowledge_documents", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="knowledge_chunks_document_fkey"):
        with db.as_user(b) as cur:
            cur.execute("insert into public.knowledge_chunks (document_id, user_id, chunk_index, content) "
                        "values (%s, %s, 0, 'x')", (document["id"], b))


def test_not_even_the_service_role_can_file_a_chunk_under_another_tenant(db):
    a, b = db.new_user(), db.new_user()
    document = db.make("knowledge_documents", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.as_service_role() as cur:
            cur.execute("insert into public.knowledge_chunks (document_id, user_id, chunk_index, content) "
                        "values (%s, %s, 0, 'x')", (document["id"], b))


def test_a_document_cannot_go_into_another_users_bucket(db):
    a, b = db.new_user(), db.new_user()
    bucket = db.make("knowledge_buckets", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="knowledge_documents_bucket_fkey"):
        with db.as_user(b) as cur:
            cur.execute("insert into public.knowledge_documents (user_id, bucket_id, title) values (%s, %s, 'x')",
                        (b, bucket["id"]))


def test_a_campaign_bucket_cannot_point_at_another_users_campaign(db):
    a, b = db.new_user(), db.new_user()
    campaign = db.make("campaigns", a)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="knowledge_buckets_campaign_fkey"):
        with db.as_user(b) as cur:
            cur.execute("insert into public.knowledge_buckets (created_by, name, bucket_type, campaign_id) "
                        "values (%s, 'x', 'campaign', %s)", (b, campaign["id"]))


@pytest.mark.parametrize("bucket_type, with_campaign", [("campaign", False), ("general", True)],
                         ids=["campaign-without-campaign", "general-with-campaign"])
def test_the_bucket_type_decides_whether_a_campaign_is_named(db, bucket_type, with_campaign):
    user = db.new_user()
    campaign = db.make("campaigns", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="knowledge_buckets_campaign_id_check"):
        with db.as_user(user) as cur:
            cur.execute("insert into public.knowledge_buckets (created_by, name, bucket_type, campaign_id) "
                        "values (%s, 'x', %s, %s)", (user, bucket_type, campaign["id"] if with_campaign else None))


def test_chunk_indexes_are_unique_within_a_document(db):
    user = db.new_user()
    chunk = db.make("knowledge_chunks", user)
    with pytest.raises(psycopg.errors.UniqueViolation, match="knowledge_chunks_document_id_chunk_index_key"):
        db.insert("knowledge_chunks", document_id=chunk["document_id"], user_id=user, chunk_index=0, content="again")


def test_deleting_a_document_removes_its_chunks(db):
    user = db.new_user()
    chunk = db.make("knowledge_chunks", user)
    with db.as_user(user) as cur:
        cur.execute("delete from public.knowledge_documents where id = %s", (chunk["document_id"],))
    assert db.execute("select count(*) as n from public.knowledge_chunks where id = %s",
                      (chunk["id"],)).fetchone()["n"] == 0


def test_users_cannot_write_their_own_search_log(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("insert into public.knowledge_access_logs "
                        "(user_id, query_hash, result_count, similarity_threshold, result_limit) "
                        "values (%s, %s, 0, 0, 10)", (user, "0" * 64))
