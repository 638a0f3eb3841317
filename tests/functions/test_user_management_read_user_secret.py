"""read_user_secret: the audited server-side read of a secret for decryption."""

from __future__ import annotations

import psycopg
import pytest


def make_secret(db, user, service="google_gemini", **extra) -> dict:
    return db.insert("user_secrets", user_id=user, service_name=service, encrypted_value=b"\x10\x20\x30",
                     initialization_vector=b"\x01" * 12, **extra)


def operations(db, secret_id) -> list[dict]:
    return db.execute("select operation, actor_role from public.secret_audit_logs where secret_id = %s "
                      "order by created_at", (secret_id,)).fetchall()


def test_service_role_reads_the_ciphertext_and_the_read_is_audited(db):
    user = db.new_user()
    secret = make_secret(db, user)
    with db.as_service_role() as cur:
        row = cur.execute("select * from public.read_user_secret(%s, 'google_gemini')", (user,)).fetchone()
    assert row["encrypted_value"] == b"\x10\x20\x30" and row["initialization_vector"] == b"\x01" * 12
    assert row["last_used_at"] is not None
    assert operations(db, secret["id"]) == [
        {"operation": "created", "actor_role": "postgres"},
        {"operation": "accessed", "actor_role": "service_role"},
    ]


def test_the_user_sees_when_their_key_was_used_but_not_the_key(db):
    user = db.new_user()
    secret = make_secret(db, user)
    with db.as_service_role() as cur:
        cur.execute("select public.read_user_secret(%s, 'google_gemini')", (user,))
    with db.as_user(user) as cur:
        seen = cur.execute("select operation from public.secret_audit_logs where secret_id = %s "
                           "order by created_at", (secret["id"],)).fetchall()
        assert cur.execute("select last_used_at from public.user_secrets").fetchone()["last_used_at"] is not None
    assert [s["operation"] for s in seen] == ["created", "accessed"]


def test_users_cannot_read_secrets_through_the_function(db):
    user = db.new_user()
    make_secret(db, user)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(user) as cur:
            cur.execute("select public.read_user_secret(%s, 'google_gemini')", (user,))


def test_a_missing_or_expired_secret_is_refused(db):
    user = db.new_user()
    make_secret(db, user, service="openai", expires_at="2000-01-01T00:00:00Z")
    with pytest.raises(psycopg.errors.NoDataFound):
        with db.as_service_role() as cur:
            cur.execute("select public.read_user_secret(%s, 'anthropic')", (user,))
    with pytest.raises(psycopg.errors.InvalidAuthorizationSpecification, match="expired"):
        with db.as_service_role() as cur:
            cur.execute("select public.read_user_secret(%s, 'openai')", (user,))


def test_a_no_op_update_is_not_audited_but_a_real_change_is(db):
    user = db.new_user()
    secret = make_secret(db, user)
    with db.as_user(user) as cur:
        cur.execute("update public.user_secrets set key_hint = key_hint where id = %s", (secret["id"],))
        cur.execute("update public.user_secrets set key_hint = 'zz99' where id = %s", (secret["id"],))
    assert [o["operation"] for o in operations(db, secret["id"])] == ["created", "updated"]


def test_a_user_cannot_write_another_users_secret_or_forge_audit_rows(db):
    a, b = db.new_user(), db.new_user()
    secret = make_secret(db, a)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            cur.execute("insert into public.user_secrets (user_id, service_name, encrypted_value, "
                        "initialization_vector) values (%s, 'openai', '\\x01', %s)", (a, b"\x00" * 12))
    with db.as_user(b) as cur:
        assert cur.execute("update public.user_secrets set key_hint = 'x' where id = %s",
                           (secret["id"],)).rowcount == 0
        assert cur.execute("delete from public.user_secrets where id = %s", (secret["id"],)).rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            cur.execute("insert into public.secret_audit_logs (user_id, secret_id, service_name, operation, "
                        "actor_role) values (%s, %s, 'openai', 'accessed', 'service_role')", (b, secret["id"]))
    assert [o["operation"] for o in operations(db, secret["id"])] == ["created"]
