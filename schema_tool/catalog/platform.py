"""What the platform (Supabase, or the bootstrap layer standing in for it) owns or means, in one place:
its schemas, roles and extensions, and what a tenant column is.

The diff leaves the platform's objects alone, the linter and the docs judge
tenant isolation by the tenant column, and the tests find the tenant tables
the same way: all of them read these names from here.
"""

from __future__ import annotations

# Schemas left out by default: the tool's own history, and what the platform
# manages. User policies on storage.objects and user triggers on platform
# tables are still read.
PLATFORM_SCHEMAS = (
    "schema_tool", "auth", "storage", "extensions", "graphql", "graphql_public", "realtime", "_realtime",
    "supabase_functions", "supabase_migrations", "vault", "pgsodium", "pgsodium_masks", "net", "cron",
    "pgbouncer", "_analytics", "pgtle", "topology", "tiger", "tiger_data",
)

# The roles the API connects as: rows reach users through their grants and policies.
API_ROLES = ("anon", "authenticated", "service_role")

# Roles a Supabase project's platform owns: their default privileges are the platform's to set.
PLATFORM_ROLES = ("supabase_admin", "supabase_auth_admin", "supabase_storage_admin", "supabase_realtime_admin",
                  "supabase_functions_admin", "supabase_replication_admin", "supabase_read_only_user",
                  "dashboard_user", "authenticator", "pgbouncer")

# Extensions that live in one database per server: their presence alone is not drift.
SERVER_EXTENSIONS = ("plpgsql", "pg_cron")
# Extensions a Supabase project installs itself: where only the live database has one, it is left alone.
PLATFORM_EXTENSIONS = ("pg_graphql", "pg_stat_statements", "pgcrypto", "uuid-ossp", "supabase_vault", "pgsodium",
                       "pgjwt", "pg_net")

# A tenant column: a column of a table of public named user_id or created_by, with a single-column
# foreign key to auth.users. It says whose a row is; policies compare it with auth.uid().
TENANT_COLUMNS = ("user_id", "created_by")
USERS_TABLE = ("auth", "users")

# The same definition as a query: one row per tenant column (rel: the table's oid).
TENANT_COLUMNS_QUERY = f"""
select fk.conrelid as rel, c.relname as table_name, a.attnum, a.attname, a.attnotnull as not_null
from pg_catalog.pg_constraint as fk
join pg_catalog.pg_class as c on c.oid = fk.conrelid
join pg_catalog.pg_attribute as a on a.attrelid = fk.conrelid and a.attnum = fk.conkey[1]
where fk.contype = 'f'
  and fk.confrelid = to_regclass('{USERS_TABLE[0]}.{USERS_TABLE[1]}')
  and cardinality(fk.conkey) = 1
  and c.relnamespace = 'public'::regnamespace
  and a.attname in ({", ".join(f"'{name}'" for name in TENANT_COLUMNS)})
""".strip()


def is_tenant_key(constraint) -> bool:
    """Whether a catalog constraint row is the foreign key that makes its column a tenant column."""
    return (constraint["type"] == "f" and constraint["schema"] == "public"
            and (constraint["ref_schema"], constraint["ref_table"]) == USERS_TABLE
            and len(constraint["columns"]) == 1 and constraint["columns"][0] in TENANT_COLUMNS)
