"""Row factories: one per table in public, registered with @factory.

The isolation matrix runs over every registered table and fails when a table
of the catalog has no factory, so no table escapes it. A factory receives a
`schema_tool.testing.Db` and the owning user's id and returns the inserted row
(inserting the parents it needs through `db.make`).

Options say what the access model of the table is meant to be:
- access="owner": the tenant selects, inserts, updates and deletes own rows.
- access="read_own": audit and log tables; the tenant only selects own rows.
- access="global": no tenant; authenticated selects, only service_role writes.
- access="service": no tenant; only service_role reads and writes (worker queues).
- anon_insert=True: anon may insert (and still reads nothing).
- insert_own / update_own / delete_own=False: the tenant may not do that
  to own rows (rows made by the system, immutable history...).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from schema_tool.testing import Factory


@dataclass(frozen=True)
class TableAccess:
    table: str
    make: Factory
    access: str = "owner"
    anon_insert: bool = False
    insert_own: bool = True
    update_own: bool = True
    delete_own: bool = True

    def __post_init__(self):
        if self.access not in ("owner", "read_own", "global", "service"):
            raise ValueError(f"{self.table}: access must be owner, read_own, global or service")


REGISTRY: dict[str, TableAccess] = {}


def factory(table: str, *, access: str = "owner", anon_insert: bool = False, insert_own: bool = True,
            update_own: bool = True, delete_own: bool = True):
    def register(make: Factory) -> Factory:
        if table in REGISTRY:
            raise ValueError(f"two factories for {table}")
        writes = access == "owner"
        REGISTRY[table] = TableAccess(table, make, access, anon_insert, insert_own and writes,
                                      update_own and writes, delete_own and writes)
        return make

    return register


def load_all() -> dict[str, TableAccess]:
    """Import every factory module of this package and return the registry."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return REGISTRY


def makers() -> dict[str, Factory]:
    return {table: access.make for table, access in load_all().items()}
