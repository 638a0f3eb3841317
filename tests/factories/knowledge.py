"""Row factories for 0006_knowledge."""

from tests.factories import factory


def unit_vector(position: int) -> str:
    """A 1536-dimension vector with a single 1 (pgvector's text form)."""
    values = ["0"] * 1536
    values[position % 1536] = "1"
    return "[" + ",".join(values) + "]"


@factory("knowledge_buckets")
def knowledge_buckets(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("knowledge_buckets", created_by=owner, name=db.unique("bucket"), bucket_type="campaign",
                     campaign_id=campaign["id"])


@factory("knowledge_documents")
def knowledge_documents(db, owner):
    bucket = db.make("knowledge_buckets", owner)
    return db.insert("knowledge_documents", user_id=owner, bucket_id=bucket["id"], title="Brand book",
                     source_type="upload", mime_type="application/pdf", size_bytes=1024)


@factory("knowledge_chunks")
def knowledge_chunks(db, owner):
    document = db.make("knowledge_documents", owner)
    return db.insert("knowledge_chunks", document_id=document["id"], user_id=owner, chunk_index=0,
                     content="Our tone is warm and direct.", token_count=7, embedding=unit_vector(0))


@factory("knowledge_access_logs", access="read_own")
def knowledge_access_logs(db, owner):
    return db.insert("knowledge_access_logs", user_id=owner, query_hash="0" * 64, result_count=0,
                     similarity_threshold=0.7, result_limit=10)
