"""export_user_data: catalog-driven, so tables added later are exported; secret
columns never leave the database, by name or by column grants."""

from __future__ import annotations

import psycopg
import pytest

from tests.factories import load_all


def export_as(db, user) -> dict:
    with db.as_user(user) as cur:
        return cur.execute("select public.export_user_data(%s) as doc", (user,)).fetchone()["doc"]


def test_a_tenant_table_added_later_is_exported_without_its_secret_columns(db):
    user = db.new_user()
    db.execute("""
        create table public.zz_later_table (
            id uuid primary key default gen_random_uuid(),
            user_id uuid not null references auth.users (id) on delete cascade,
            note text,
            encrypted_payload bytea,
            api_token_encrypted text,
            initialization_vector bytea
        )""")
    # granted in full on purpose: the name rule must hide the secrets anyway
    db.execute("grant select on public.zz_later_table to authenticated")
    db.execute("insert into public.zz_later_table (user_id, note, encrypted_payload, api_token_encrypted, "
               "initialization_vector) values (%s, 'hello', '\\xdeadbeef', 'tok-cipher', '\\x00ff')", (user,))
    rows = export_as(db, user)["tables"]["zz_later_table"]
    assert [r["note"] for r in rows] == ["hello"]
    assert set(rows[0]) == {"id", "user_id", "note"}


def test_a_table_users_cannot_read_is_still_exported(db):
    user = db.new_user()
    db.execute("""
        create table public.zz_server_only (
            id uuid primary key default gen_random_uuid(),
            created_by uuid not null references auth.users (id) on delete cascade,
            risk_score integer,
            secret_encrypted text
        )""")
    db.execute("revoke all on public.zz_server_only from anon, authenticated")
    db.execute("insert into public.zz_server_only (created_by, risk_score, secret_encrypted) "
               "values (%s, 7, 'cipher')", (user,))
    rows = export_as(db, user)["tables"]["zz_server_only"]
    assert rows == [{"id": rows[0]["id"], "created_by": str(user), "risk_score": 7}]


def test_columns_hidden_by_column_grants_are_left_out(db):
    user = db.new_user()
    for access in load_all().values():
        if access.access != "global":
            access.make(db, user)
    tables = export_as(db, user)["tables"]
    hidden = db.execute("""
        select c.relname as table_name, col.attname as column_name
        from pg_class as c
        join pg_attribute as col on col.attrelid = c.oid and col.attnum > 0 and not col.attisdropped
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
          and c.relname = any(%s)
          and not has_column_privilege('authenticated', c.oid, col.attnum, 'select')
          and exists (select from pg_attribute as other
                      where other.attrelid = c.oid and other.attnum > 0
                        and has_column_privilege('authenticated', c.oid, other.attnum, 'select'))
        """, (list(tables),)).fetchall()
    assert {(h["table_name"], h["column_name"]) for h in hidden} >= {
        ("user_secrets", "encrypted_value"), ("user_secrets", "initialization_vector")}
    for h in hidden:
        for row in tables[h["table_name"]]:
            assert h["column_name"] not in row, f"{h['table_name']}.{h['column_name']} was exported"


def test_export_holds_no_ciphertext_anywhere(db):
    user = db.new_user()
    with db.as_user(user) as cur:
        cur.execute("insert into public.user_secrets (user_id, service_name, encrypted_value, initialization_vector) "
                    "values (%s, 'openai', '\\xc0ffee0ddba11c0ffee0ddba11', %s)", (user, b"\xab" * 12))
    with db.as_service_role() as cur:
        text = cur.execute("select public.export_user_data(%s)::text as t", (user,)).fetchone()["t"]
    assert "c0ffee0ddba11" not in text and "abababababab" not in text
    assert '"openai"' in text


def test_rows_of_other_users_are_not_exported(db):
    a, b = db.new_user(), db.new_user()
    db.make("leads", a)
    db.make("leads", b)
    with db.as_service_role() as cur:
        doc = cur.execute("select public.export_user_data(%s) as doc", (a,)).fetchone()["doc"]
    assert {row["created_by"] for row in doc["tables"]["leads"]} == {str(a)}


def test_anon_cannot_export_anyone(db):
    user = db.new_user()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_anon() as cur:
            cur.execute("select public.export_user_data(%s)", (user,))
