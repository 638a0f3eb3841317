"""Row factories for 0012_support_privacy."""

from tests.factories import factory


@factory("support_tickets", anon_insert=True, delete_own=False)
def support_tickets(db, owner):
    return db.insert("support_tickets", user_id=owner, subject="Cannot connect LinkedIn",
                     description="The OAuth window closes at once.", category="bug")


@factory("privacy_audit_log", access="read_own")
def privacy_audit_log(db, owner):
    db.make("data_export_requests", owner)
    return db.execute("select * from public.privacy_audit_log where user_id = %s", (owner,)).fetchone()
