"""Helpers for tests against a migrated database: act as a Supabase user, as anon, as service_role.

A `Db` wraps one superuser connection inside a transaction that the test
fixture rolls back. `as_user`, `as_anon` and `as_service_role` open a
savepoint, switch to the API role with the JWT claims Supabase would set, and
switch back on leaving; an error inside rolls back to the savepoint and
propagates, so a test writes `with pytest.raises(...): with db.as_user(b) as cur: ...`; an error caught inside
the block (`with db.as_anon() as cur: with pytest.raises(...): ...`) rolls back to the savepoint on leaving.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

Factory = Callable[["Db", uuid.UUID], dict]


class Db:
    def __init__(self, conn: psycopg.Connection, factories: dict[str, Factory] | None = None):
        self.conn = conn
        self.factories = factories or {}
        self._counter = itertools.count(1)

    def execute(self, query, params=None) -> psycopg.Cursor:
        """Run as the connection's own (superuser) role: row level security does not apply."""
        return self.conn.cursor(row_factory=dict_row).execute(query, params)

    def unique(self, prefix: str) -> str:
        return f"{prefix}-{next(self._counter)}-{uuid.uuid4().hex[:6]}"

    def new_user(self, email: str | None = None) -> uuid.UUID:
        user_id = uuid.uuid4()
        self.execute(
            "insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data) "
            "values (%s, 'authenticated', 'authenticated', %s, '{}', '{}')",
            (user_id, email or f"{user_id.hex[:12]}@example.test"),
        )
        return user_id

    def insert(self, table: str, **columns) -> dict:
        """Insert one row as superuser and return it. dict values are sent as jsonb."""
        schema, _, name = table.rpartition(".")
        values = [Jsonb(v) if isinstance(v, dict) else v for v in columns.values()]
        query = sql.SQL("insert into {}.{} ({}) values ({}) returning *").format(
            sql.Identifier(schema or "public"), sql.Identifier(name),
            sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        )
        return self.execute(query, values).fetchone()

    def make(self, table: str, owner: uuid.UUID) -> dict:
        """One row of `table` owned by `owner`, made by the table's registered factory."""
        if table not in self.factories:
            raise KeyError(f"no row factory registered for {table}")
        return self.factories[table](self, owner)

    @contextmanager
    def as_user(self, user_id: uuid.UUID | str) -> Iterator[psycopg.Cursor]:
        claims = {"sub": str(user_id), "role": "authenticated", "aud": "authenticated"}
        with self._acting("authenticated", claims) as cur:
            yield cur

    @contextmanager
    def as_anon(self) -> Iterator[psycopg.Cursor]:
        with self._acting("anon", {"role": "anon"}) as cur:
            yield cur

    @contextmanager
    def as_service_role(self) -> Iterator[psycopg.Cursor]:
        with self._acting("service_role", {"role": "service_role"}) as cur:
            yield cur

    @contextmanager
    def _acting(self, role: str, claims: dict) -> Iterator[psycopg.Cursor]:
        with self.conn.transaction():
            self.conn.execute(
                "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
                (role, json.dumps(claims)),
            )
            yield self.conn.cursor(row_factory=dict_row)
            if self.conn.info.transaction_status == TransactionStatus.INERROR:
                # the block caught a database error itself (`with pytest.raises(...)` inside it): roll back to
                # the savepoint, which undoes the role and the claims too, and carry on
                raise psycopg.Rollback()
            self.conn.execute("select set_config('role', 'none', true), set_config('request.jwt.claims', '', true)")
