"""Row factories for 0001_user_management. Preferences and privacy settings
exist from the account's creation on (auth_users_create_defaults), so their factories
return the existing row."""

from tests.factories import factory


@factory("user_preferences", delete_own=False)
def user_preferences(db, owner):
    return db.execute("select * from public.user_preferences where user_id = %s", (owner,)).fetchone()


@factory("user_secrets")
def user_secrets(db, owner):
    return db.insert("user_secrets", user_id=owner, service_name=db.unique("svc").replace("-", "_"), encrypted_value=b"\x01" * 32,
                     initialization_vector=b"\x02" * 12, key_hint="9f3a")


@factory("secret_audit_logs", access="read_own")
def secret_audit_logs(db, owner):
    secret = db.make("user_secrets", owner)
    return db.execute("select * from public.secret_audit_logs where secret_id = %s", (secret["id"],)).fetchone()


@factory("user_privacy_settings", insert_own=False, delete_own=False)
def user_privacy_settings(db, owner):
    return db.execute("select * from public.user_privacy_settings where user_id = %s", (owner,)).fetchone()


@factory("data_export_requests", update_own=False, delete_own=False)
def data_export_requests(db, owner):
    return db.insert("data_export_requests", user_id=owner)


@factory("data_deletion_requests", delete_own=False)
def data_deletion_requests(db, owner):
    return db.insert("data_deletion_requests", user_id=owner, reason="Closing the business")
