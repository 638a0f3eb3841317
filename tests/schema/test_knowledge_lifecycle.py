"""knowledge_documents: the chunking status moves only along pending -> processing ->
completed | failed, failed -> pending to retry; processed_at and error_message follow it."""

from __future__ import annotations

import psycopg
import pytest


def set_status(db, document_id, status, **columns):
    assignments = ", ".join(["status = %s"] + [f"{column} = %s" for column in columns])
    return db.execute(f"update public.knowledge_documents set {assignments} where id = %s returning *",
                      (status, *columns.values(), document_id)).fetchone()


def refused(db, document_id, status):
    """The update's error, the transaction left usable."""
    db.execute("savepoint refused")
    try:
        with pytest.raises(psycopg.errors.CheckViolation) as caught:
            set_status(db, document_id, status)
    finally:
        db.execute("rollback to savepoint refused")
    return caught.value


@pytest.fixture
def document(db):
    return db.make("knowledge_documents", db.new_user())


def test_a_new_document_waits_for_chunking(document):
    assert document["status"] == "pending"
    assert document["processed_at"] is None and document["chunk_count"] == 0


def test_the_happy_path_stamps_processed_at(db, document):
    assert set_status(db, document["id"], "processing")["processed_at"] is None
    done = set_status(db, document["id"], "completed", chunk_count=12)
    assert done["processed_at"] is not None and done["chunk_count"] == 12


def test_a_failed_document_can_be_retried_and_the_error_is_cleared(db, document):
    set_status(db, document["id"], "processing")
    failed = set_status(db, document["id"], "failed", error_message="PDF is encrypted")
    assert failed["error_message"] == "PDF is encrypted" and failed["processed_at"] is None
    retried = set_status(db, document["id"], "pending")
    assert retried["error_message"] is None
    assert set_status(db, document["id"], "processing")["status"] == "processing"


@pytest.mark.parametrize("path, illegal", [
    ((), "completed"),                          # pending -> completed skips the chunking
    ((), "failed"),                             # pending -> failed: nothing ran
    (("processing",), "pending"),               # backwards
    (("processing", "completed"), "pending"),   # completed is final
    (("processing", "completed"), "failed"),
    (("processing", "failed"), "completed"),    # a failure must be retried, not declared done
], ids=["pending>completed", "pending>failed", "processing>pending", "completed>pending", "completed>failed",
        "failed>completed"])
def test_an_illegal_transition_is_refused_with_a_clear_error(db, document, path, illegal):
    for status in path:
        set_status(db, document["id"], status, **({"error_message": "boom"} if status == "failed" else {}))
    error = refused(db, document["id"], illegal)
    assert f"illegal status transition on knowledge_documents: {path[-1] if path else 'pending'} -> {illegal}" \
        in str(error)
    assert db.execute("select status from public.knowledge_documents where id = %s",
                      (document["id"],)).fetchone()["status"] == (path[-1] if path else "pending")


def test_the_worker_is_held_to_the_lifecycle_too(db):
    user = db.new_user()
    document = db.make("knowledge_documents", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="pending -> completed"):
        with db.as_service_role() as cur:
            cur.execute("update public.knowledge_documents set status = 'completed' where id = %s", (document["id"],))


def test_the_owner_cannot_forge_chunking_results(db):
    """Status, chunk_count, error and processed_at are the chunking worker's (server-kept)."""
    user = db.new_user()
    document = db.make("knowledge_documents", user)
    for change in ("status = 'completed'", "chunk_count = 99", "processed_at = now()"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(user) as cur:
                cur.execute(f"update public.knowledge_documents set {change} where id = %s", (document["id"],))
    assert db.execute("select status, chunk_count from public.knowledge_documents where id = %s",
                      (document["id"],)).fetchone() == {"status": "pending", "chunk_count": 0}


def test_an_error_message_belongs_to_a_failed_document_only(db, document):
    db.execute("savepoint s")
    try:
        with pytest.raises(psycopg.errors.CheckViolation, match="knowledge_documents_error_message_check"):
            db.execute("update public.knowledge_documents set error_message = 'x' where id = %s", (document["id"],))
    finally:
        db.execute("rollback to savepoint s")
