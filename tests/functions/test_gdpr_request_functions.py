"""GDPR request and completion functions: request_data_export,
complete_data_export, request_data_deletion, confirm_data_deletion,
complete_data_deletion, and the privacy_audit_log rows they leave."""

from __future__ import annotations

import psycopg
import pytest


def audit_events(db, user) -> list[str]:
    rows = db.execute("select event_type from public.privacy_audit_log where user_id = %s "
                      "order by created_at, id", (user,)).fetchall()
    return [r["event_type"] for r in rows]


def deletion_flag(db, user) -> bool:
    return db.execute("select right_to_be_deleted_requested as r from public.user_privacy_settings "
                      "where user_id = %s", (user,)).fetchone()["r"]


def test_request_data_export_files_one_request_and_audits_it(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        first = cur.execute("select * from public.request_data_export()").fetchone()
        again = cur.execute("select * from public.request_data_export()").fetchone()
    assert first["user_id"] == user and first["status"] == "pending"
    assert again["id"] == first["id"], "an open request is returned, not duplicated"
    assert audit_events(db, user) == ["export_requested"]
    entry = db.execute("select details from public.privacy_audit_log where user_id = %s", (user,)).fetchone()
    assert entry["details"] == {"request_id": str(first["id"]), "status": "pending"}


def test_completed_export_is_audited_and_a_new_request_may_follow(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        request = cur.execute("select id from public.request_data_export()").fetchone()["id"]
    with db.as_service_role() as cur:
        cur.execute("update public.data_export_requests set status = 'processing' where id = %s", (request,))
        done = cur.execute("select * from public.complete_data_export(%s, 'https://files.example.test/x.json')",
                           (request,)).fetchone()
    assert done["status"] == "completed" and done["download_url"].endswith("x.json")
    assert done["completed_at"] is not None and done["expires_at"] > done["completed_at"]
    with db.as_user(user) as cur:
        second = cur.execute("select id from public.request_data_export()").fetchone()["id"]
    assert second != request
    assert audit_events(db, user) == ["export_requested", "export_completed", "export_requested"]


def test_complete_data_export_needs_a_processing_request(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        request = cur.execute("select id from public.request_data_export()").fetchone()["id"]
    with pytest.raises(psycopg.errors.CheckViolation, match="pending -> completed"):
        with db.as_service_role() as cur:
            cur.execute("select public.complete_data_export(%s, 'https://files.example.test/x.json')", (request,))
    assert audit_events(db, user) == ["export_requested"]


def test_failed_export_is_audited(db):
    user = db.new_user()
    request = db.insert("data_export_requests", user_id=user, status="pending")
    with db.as_service_role() as cur:
        cur.execute("update public.data_export_requests set status = 'processing' where id = %s", (request["id"],))
        cur.execute("update public.data_export_requests set status = 'failed', error_message = 'storage down' "
                    "where id = %s", (request["id"],))
    assert audit_events(db, user) == ["export_requested", "export_failed"]


def test_users_may_not_complete_exports_or_call_server_functions(db):
    user = db.new_user()
    request = db.insert("data_export_requests", user_id=user)
    statements = [
        ("select public.complete_data_export(%s, 'https://evil.example.test/')", (request["id"],)),
        ("select public.complete_data_deletion(%s)", (request["id"],)),
        ("select public.write_privacy_audit(%s, 'export_completed')", (user,)),
        ("select public.read_user_secret(%s, 'openai')", (user,)),
    ]
    for statement, params in statements:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(user) as cur:
                cur.execute(statement, params)


@pytest.mark.parametrize("function", ["request_data_export()", "request_data_deletion()"])
def test_anon_and_service_role_cannot_file_requests(db, function):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute(f"select public.{function}")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no user behind the call
        with db.as_service_role() as cur:
            cur.execute(f"select public.{function}")


def test_deletion_request_confirm_and_complete_removes_everything(db):
    user, other = db.new_user(), db.new_user()
    with db.as_user(user) as cur:
        request = cur.execute("select * from public.request_data_deletion('Closing the business')").fetchone()
        assert cur.execute("select id from public.request_data_deletion()").fetchone()["id"] == request["id"]
        confirmed = cur.execute("select * from public.confirm_data_deletion(%s)", (request["id"],)).fetchone()
    assert request["reason"] == "Closing the business" and request["confirmation_required"]
    assert confirmed["confirmed_at"] is not None
    assert deletion_flag(db, user)
    assert audit_events(db, user) == ["deletion_requested", "deletion_confirmed"]
    with db.as_service_role() as cur:
        cur.execute("update public.data_deletion_requests set status = 'processing' where id = %s", (request["id"],))
        cur.execute("select public.complete_data_deletion(%s)", (request["id"],))
    assert db.execute("select count(*) as n from auth.users where id = %s", (user,)).fetchone()["n"] == 0
    assert audit_events(db, user) == []
    assert db.execute("select count(*) as n from public.data_deletion_requests where user_id = %s",
                      (user,)).fetchone()["n"] == 0
    assert db.execute("select count(*) as n from auth.users where id = %s", (other,)).fetchone()["n"] == 1


def test_the_record_of_an_erasure_outlives_the_account_without_the_person(db):
    user = db.new_user()
    db.execute("select set_config('request.headers', %s, true)",
               ('{"x-forwarded-for": "203.0.113.7", "user-agent": "Browser/1.0"}',))
    with db.as_user(user) as cur:
        request = cur.execute("select id from public.request_data_deletion()").fetchone()["id"]
        cur.execute("select public.confirm_data_deletion(%s)", (request,))
    with db.as_service_role() as cur:
        cur.execute("update public.data_deletion_requests set status = 'processing' where id = %s", (request,))
        cur.execute("select public.complete_data_deletion(%s)", (request,))

    kept = db.execute("select event_type, user_id, ip_address, user_agent from public.privacy_audit_log "
                      "where details ->> 'request_id' = %s order by created_at, id", (str(request),)).fetchall()
    assert [r["event_type"] for r in kept] == ["deletion_requested", "deletion_confirmed", "deletion_completed"]
    assert all((r["user_id"], r["ip_address"], r["user_agent"]) == (None, None, None) for r in kept)
    reader = db.new_user()
    with db.as_user(reader) as cur:
        assert cur.execute("select count(*) as n from public.privacy_audit_log").fetchone()["n"] == 0


def test_an_account_deleted_outside_a_request_leaves_anonymous_audit_rows(db):
    user = db.new_user()
    entry = db.execute("insert into public.privacy_audit_log (user_id, event_type, ip_address, user_agent) "
                       "values (%s, 'consent_updated', '198.51.100.1', 'App/2.0') returning id", (user,)).fetchone()

    db.execute("delete from auth.users where id = %s", (user,))

    row = db.execute("select event_type, user_id, ip_address, user_agent from public.privacy_audit_log "
                     "where id = %s", (entry["id"],)).fetchone()
    assert row == {"event_type": "consent_updated", "user_id": None, "ip_address": None, "user_agent": None}


def test_an_audit_row_without_a_user_cannot_keep_a_client_address(db):
    with pytest.raises(psycopg.errors.CheckViolation, match="privacy_audit_log_erased_is_anonymous"):
        db.execute("insert into public.privacy_audit_log (user_id, event_type, ip_address) "
                   "values (null, 'consent_updated', '198.51.100.1')")


def test_unconfirmed_deletion_cannot_be_completed(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        request = cur.execute("select id from public.request_data_deletion()").fetchone()["id"]
    with pytest.raises(psycopg.errors.CheckViolation, match="data_deletion_requests_confirmed_check"):
        with db.as_service_role() as cur:
            cur.execute("update public.data_deletion_requests set status = 'processing' where id = %s", (request,))
    with pytest.raises(psycopg.errors.CheckViolation, match="pending -> completed"):
        with db.as_service_role() as cur:
            cur.execute("select public.complete_data_deletion(%s)", (request,))
    assert db.execute("select count(*) as n from auth.users where id = %s", (user,)).fetchone()["n"] == 1


def test_a_user_cannot_confirm_someone_elses_request(db):
    a, b = db.new_user(), db.new_user()
    with db.as_user(a) as cur:
        request = cur.execute("select id from public.request_data_deletion()").fetchone()["id"]
    with pytest.raises(psycopg.errors.NoDataFound):
        with db.as_user(b) as cur:
            cur.execute("select public.confirm_data_deletion(%s)", (request,))
    assert db.execute("select confirmed_at from public.data_deletion_requests where id = %s",
                      (request,)).fetchone()["confirmed_at"] is None


def test_cancelling_the_last_open_deletion_request_clears_the_flag(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        request = cur.execute("select id from public.request_data_deletion()").fetchone()["id"]
    assert deletion_flag(db, user)
    with db.as_user(user) as cur:
        cur.execute("update public.data_deletion_requests set status = 'cancelled' where id = %s", (request,))
    assert not deletion_flag(db, user)
    assert audit_events(db, user) == ["deletion_requested", "deletion_cancelled"]
