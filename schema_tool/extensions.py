"""The extensions the schema needs, and whether the applying role can create those still missing.

On a self-built server only a superuser may create an untrusted extension
such as vector; a hosted Supabase project lets its `postgres` role do it
(the dashboard, or SQL) through supautils, whose privileged_extensions
setting lists it. `up` and `diff` check first, so that a
role that cannot create one stops before anything runs, with the way out.
"""

from __future__ import annotations

import psycopg

from schema_tool.project import CREATE_EXTENSION, Project

REQUIRED = ("vector",)
OPTIONAL = {"pg_cron": "schedules the autopilot jobs", "pg_net": "outgoing HTTP from the database"}

CREATABLE = """
select
    r.name,
    a.name is not null as available,
    coalesce(s.rolsuper, false)
        or coalesce(v.trusted and has_database_privilege(current_database(), 'create'), false)
        -- supautils (hosted Supabase) lets non-superusers create the extensions it lists
        or coalesce(r.name = any(regexp_split_to_array(
            current_setting('supautils.privileged_extensions', true), '[[:space:]]*,[[:space:]]*')), false)
        as creatable
from unnest(%s::text[]) as r (name)
left join pg_catalog.pg_available_extensions as a on a.name = r.name
left join pg_catalog.pg_available_extension_versions as v on v.name = r.name and v.version = a.default_version
left join pg_catalog.pg_roles as s on s.rolname = current_user
where %s or not exists (select from pg_catalog.pg_extension as e where e.extname = r.name)
"""


def required_by(project: Project) -> list[str]:
    """The required extensions this project's bootstrap creates (a project may leave one out)."""
    created = {name.strip('"') for f in project.layer("bootstrap") for name in CREATE_EXTENSION.findall(f.text)}
    return [name for name in REQUIRED if name in created]


def blocked(conn: psycopg.Connection, project: Project, *, in_new_database: bool = False) -> list[str]:
    """One line per extension the project requires that is missing (or, `in_new_database`, would be
    missing from a database created on this server) and that the connected role cannot create."""
    names = required_by(project)
    if not names:
        return []
    user = conn.execute("select current_user").fetchone()[0]
    problems = []
    for name, available, creatable in conn.execute(CREATABLE, (names, in_new_database)).fetchall():
        if not available:
            problems.append(f"extension {name} is required and this server does not offer it: install it on the "
                            "server (pgvector), or use a server that has it; nothing was applied")
        elif not creatable:
            problems.append(f"extension {name} is required and role {user!r} may not create it: enable it as an "
                            "administrator first (on Supabase: Dashboard, Database, Extensions, or `create "
                            f"extension {name} with schema extensions` as supabase_admin), or run as a superuser; "
                            "nothing was applied")
    return problems
