"""User management and GDPR: defaults for new users, write-only secrets with
their audit trail, request lifecycles, the catalog-driven export, and
deletion that leaves nothing behind."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from schema_tool.catalog.platform import TENANT_COLUMNS_QUERY
from tests.factories import load_all


def tenant_tables(db) -> list[tuple[str, str]]:
    """(table, tenant column) of every table of public whose tenant column references auth.users."""
    rows = db.execute(f"select t.table_name, t.attname from ({TENANT_COLUMNS_QUERY}) as t order by 1").fetchall()
    return [(r["table_name"], r["attname"]) for r in rows]


def rows_of(db, user, tables) -> dict[str, int]:
    counts = {}
    for table, column in tables:
        query = sql.SQL("select count(*) as n from public.{} where {} = %s").format(
            sql.Identifier(table), sql.Identifier(column))
        counts[table] = db.execute(query, (user,)).fetchone()["n"]
    return counts


def populate_every_table(db, user) -> None:
    for access in load_all().values():
        if access.access not in ("global", "service"):
            access.make(db, user)


def test_a_new_user_gets_default_preferences_and_privacy_settings(db):
    user = db.new_user()
    prefs = db.execute("select * from public.user_preferences where user_id = %s", (user,)).fetchone()
    privacy = db.execute("select * from public.user_privacy_settings where user_id = %s", (user,)).fetchone()
    assert prefs["interface_mode"] == "simple"
    assert privacy["data_retention_days"] == 730
    assert not privacy["marketing_consent"] and not privacy["right_to_be_deleted_requested"]


def test_secret_values_are_write_only_for_users(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        cur.execute("insert into public.user_secrets (user_id, service_name, encrypted_value, initialization_vector, "
                    "key_hint) values (%s, 'google_gemini', '\\x0102'::bytea, %s, 'ab12')", (user, b"\x00" * 12))
        assert cur.execute("select service_name, key_hint from public.user_secrets").fetchall() == [
            {"service_name": "google_gemini", "key_hint": "ab12"}]
    for column in ("encrypted_value", "initialization_vector"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(user) as cur:
                cur.execute(sql.SQL("select {} from public.user_secrets").format(sql.Identifier(column)))
    with db.as_service_role() as cur:
        assert cur.execute("select encrypted_value from public.user_secrets where user_id = %s",
                           (user,)).fetchone()["encrypted_value"] == b"\x01\x02"


def test_every_secret_operation_is_audited_without_the_secret(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        secret = cur.execute("insert into public.user_secrets (user_id, service_name, encrypted_value, "
                             "initialization_vector) values (%s, 'openai', 'secret-bytes', %s) returning id",
                             (user, b"\x00" * 16)).fetchone()["id"]
        cur.execute("update public.user_secrets set encrypted_value = 'other-bytes' where id = %s", (secret,))
        cur.execute("delete from public.user_secrets where id = %s", (secret,))
        audit = cur.execute("select operation, actor_role, to_jsonb(l)::text as row_text "
                            "from public.secret_audit_logs as l order by created_at, operation").fetchall()
    assert sorted(a["operation"] for a in audit) == ["created", "deleted", "updated"]
    assert {a["actor_role"] for a in audit} == {"authenticated"}
    assert not any("secret-bytes" in a["row_text"] or "736563726574" in a["row_text"] for a in audit)


def test_users_cannot_alter_their_audit_rows(db):
    user = db.new_user()
    db.make("secret_audit_logs", user)
    for statement in ("update public.secret_audit_logs set operation = 'accessed'",
                      "delete from public.secret_audit_logs",
                      "delete from public.privacy_audit_log"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(user) as cur:
                cur.execute(statement)


def test_export_request_lifecycle_and_audit(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        request = cur.execute("insert into public.data_export_requests (user_id) values (%s) returning id",
                              (user,)).fetchone()["id"]
    with pytest.raises(psycopg.errors.CheckViolation, match="illegal status transition"):
        with db.as_service_role() as cur:
            cur.execute("update public.data_export_requests set status = 'failed', error_message = 'x' "
                        "where id = %s", (request,))
    with db.as_service_role() as cur:
        cur.execute("update public.data_export_requests set status = 'processing' where id = %s", (request,))
        done = cur.execute("select * from public.complete_data_export(%s, 'https://files.example.test/e.json')",
                           (request,)).fetchone()
    assert done["status"] == "completed" and done["expires_at"] > done["completed_at"]
    with pytest.raises(psycopg.errors.CheckViolation, match="completed -> processing"):
        with db.as_service_role() as cur:
            cur.execute("update public.data_export_requests set status = 'processing' where id = %s", (request,))
    events = db.execute("select event_type from public.privacy_audit_log where user_id = %s order by created_at",
                        (user,)).fetchall()
    assert [e["event_type"] for e in events] == ["export_requested", "export_completed"]


def test_users_may_not_move_their_own_requests_forward(db):
    user = db.new_user()
    request = db.insert("data_deletion_requests", user_id=user)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("update public.data_deletion_requests set status = 'processing' where id = %s",
                        (request["id"],))
    with db.as_user(user) as cur:
        cur.execute("update public.data_deletion_requests set status = 'cancelled' where id = %s", (request["id"],))
    events = [e["event_type"] for e in db.execute(
        "select event_type from public.privacy_audit_log where user_id = %s order by created_at", (user,)).fetchall()]
    assert events == ["deletion_requested", "deletion_cancelled"]
    # cancelling the only open request withdraws the flag again
    assert not db.execute("select right_to_be_deleted_requested as r from public.user_privacy_settings "
                          "where user_id = %s", (user,)).fetchone()["r"]


def test_unconfirmed_deletion_cannot_be_processed(db):
    user = db.new_user()
    request = db.insert("data_deletion_requests", user_id=user)
    with pytest.raises(psycopg.errors.CheckViolation, match="data_deletion_requests_confirmed_check"):
        with db.as_service_role() as cur:
            cur.execute("update public.data_deletion_requests set status = 'processing' where id = %s",
                        (request["id"],))


def test_consent_changes_are_audited(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        cur.execute("update public.user_privacy_settings set marketing_consent = true where user_id = %s", (user,))
    entry = db.execute("select details from public.privacy_audit_log where user_id = %s and "
                       "event_type = 'consent_updated'", (user,)).fetchone()
    assert entry["details"] == {"marketing_consent": {"from": False, "to": True}}


def test_export_covers_every_tenant_table_of_the_catalog(db):
    user = db.new_user()
    populate_every_table(db, user)
    with db.as_user(user) as cur:
        document = cur.execute("select public.export_user_data(%s) as doc", (user,)).fetchone()["doc"]
    expected = rows_of(db, user, tenant_tables(db))
    assert set(document["tables"]) == set(expected)
    assert {t: len(rows) for t, rows in document["tables"].items()} == expected
    assert all(count > 0 for count in expected.values()), "the fixture should give the user a row everywhere"
    secrets = document["tables"]["user_secrets"][0]
    assert "encrypted_value" not in secrets and "initialization_vector" not in secrets
    assert "access_token_encrypted" not in document["tables"]["oauth_connections"][0]


def test_export_of_another_user_is_refused(db):
    a, b = db.new_user(), db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            cur.execute("select public.export_user_data(%s)", (a,))
    with db.as_service_role() as cur:
        assert cur.execute("select public.export_user_data(%s) -> 'user_id' as u", (a,)).fetchone()["u"] == str(a)


def test_deleting_a_user_leaves_zero_rows_of_theirs_anywhere(db):
    user, other = db.new_user(), db.new_user()
    populate_every_table(db, user)
    populate_every_table(db, other)
    tables = tenant_tables(db)
    assert all(rows_of(db, user, tables).values())
    db.execute("delete from auth.users where id = %s", (user,))
    assert not any(rows_of(db, user, tables).values())
    assert all(rows_of(db, other, tables).values()), "another user's rows must survive"


def test_completing_a_deletion_request_deletes_the_account(db):
    user = db.new_user()
    populate_every_table(db, user)
    request = db.insert("data_deletion_requests", user_id=user)
    with db.as_user(user) as cur:
        cur.execute("update public.data_deletion_requests set confirmed_at = now() where id = %s", (request["id"],))
    with db.as_service_role() as cur:
        cur.execute("update public.data_deletion_requests set status = 'processing' where id = %s",
                    (request["id"],))
        cur.execute("select public.complete_data_deletion(%s)", (request["id"],))
    assert db.execute("select count(*) as n from auth.users where id = %s", (user,)).fetchone()["n"] == 0
    assert not any(rows_of(db, user, tenant_tables(db)).values())


def test_anon_files_a_ticket_but_reads_none(db):
    with db.as_anon() as cur:
        cur.execute("insert into public.support_tickets (contact_email, subject, description) "
                    "values ('visitor@example.test', 'Pricing', 'Do you have a startup plan?')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select count(*) from public.support_tickets")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # anon cannot claim a user
        with db.as_anon() as cur:
            cur.execute("insert into public.support_tickets (user_id, contact_email, subject, description) "
                        "values (gen_random_uuid(), 'x@example.test', 's', 'd')")
    assert db.execute("select count(*) as n from public.support_tickets where user_id is null "
                      "and contact_email = 'visitor@example.test'").fetchone()["n"] == 1


def test_a_signed_in_user_follows_only_their_own_tickets(db):
    a, b = db.new_user(), db.new_user()
    ticket = db.make("support_tickets", a)
    with db.as_user(b) as cur:
        assert cur.execute("select count(*) as n from public.support_tickets").fetchone()["n"] == 0
    with db.as_user(a) as cur:
        assert cur.execute("select id from public.support_tickets").fetchall() == [{"id": ticket["id"]}]
    with pytest.raises(psycopg.errors.CheckViolation, match="open -> waiting_on_customer"):
        with db.as_service_role() as cur:
            cur.execute("update public.support_tickets set status = 'waiting_on_customer' where id = %s",
                        (ticket["id"],))
