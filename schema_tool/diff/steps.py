"""A step of a diff: one SQL statement with a phase (its rank when nothing else decides) and the
objects it creates or drops, as (kind, identity) keys of the catalog's dependency graph."""

from __future__ import annotations

from dataclasses import dataclass

Key = tuple[str, str]

PREAMBLE = "set check_function_bodies = off"

# Phases: drops first (dependents before what they depend on), then creations.
(UNSCHEDULE, DROP_POLICY, DROP_TRIGGER, DROP_VIEW, DROP_FOREIGN_KEY, DROP_CONSTRAINT, DROP_INDEX, DROP_DEFAULT,
 DROP_FUNCTION, DROP_COLUMN, DROP_TABLE, DROP_SEQUENCE, DROP_TYPE, DROP_COLLATION) = range(10, 24)
(CREATE_SCHEMA, CREATE_EXTENSION, CREATE_COLLATION, CREATE_ENUM, CREATE_SEQUENCE, CREATE_TYPE, CREATE_FUNCTION,
 CREATE_TABLE, ALTER_TABLE, OWN_SEQUENCE, ADD_CONSTRAINT, ADD_FOREIGN_KEY, CREATE_INDEX, CREATE_VIEW,
 CREATE_TRIGGER, SET_RLS, CREATE_POLICY, GRANT, DEFAULT_PRIVILEGES, COMMENT, BUCKET, SCHEDULE) = range(30, 52)
DROP_EXTENSION, DROP_SCHEMA = 90, 91


@dataclass
class Step:
    phase: int
    sql: str
    creates: tuple[Key, ...] = ()
    drops: tuple[Key, ...] = ()
    after: tuple[Key, ...] = ()  # keys created by other steps that must run first
    in_place: bool = False  # alters what it drops and creates (a column default): its dependents stay
