"""Row factories for 0012_support_privacy and the storage worker's queue (0019)."""

from tests.factories import factory


@factory("support_tickets", anon_insert=True, delete_own=False)
def support_tickets(db, owner):
    return db.insert("support_tickets", user_id=owner, subject="Cannot connect LinkedIn",
                     description="The OAuth window closes at once.", category="bug")


@factory("privacy_audit_log", access="read_own")
def privacy_audit_log(db, owner):
    db.make("data_export_requests", owner)
    return db.execute("select * from public.privacy_audit_log where user_id = %s", (owner,)).fetchone()


@factory("storage_deletion_queue", access="service")
def storage_deletion_queue(db, owner):
    object_id = db.insert("storage.objects", bucket_id="ai-videos", name=f"erased/{db.unique('object')}",
                          owner=owner)["id"]
    return db.insert("storage_deletion_queue", object_id=object_id, bucket_id="ai-videos",
                     object_name=f"{owner}/project/final.mp4", quarantined_name=f"erased/{object_id}",
                     reason="erasure")
