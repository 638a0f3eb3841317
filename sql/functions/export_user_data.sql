-- sql/functions/export_user_data.sql

create or replace function public.export_user_data(p_user_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
-- The tables are discovered from the catalog at call time: every table of
-- public with a user_id or created_by column referencing auth.users, so a
-- table added later is exported without touching this function. Every such
-- table gets its key, even when it holds no row of the user.
--
-- Secret columns are left out, by two rules that each suffice:
--   * by name: encrypted_*, *_encrypted (e.g. access_token_encrypted),
--     initialization_vector and *_iv, whatever the grants say;
--   * by privilege: a column that authenticated may not select while it may
--     select other columns of the table (column grants hide it on purpose,
--     e.g. oauth_states.code_verifier).
-- A table authenticated may not read at all (server-only data) is exported
-- with its columns minus the secret names: it is still the user's data.
declare
    tables jsonb := '{}';
    source record;
    rows jsonb;
begin
    if coalesce(auth.role(), '') <> 'service_role' and p_user_id is distinct from auth.uid() then
        raise exception 'a user may export only their own data'
            using errcode = 'insufficient_privilege';
    end if;
    for source in
        select c.oid as table_oid,
               c.relname as table_name,
               a.attname as tenant_column,
               exists (
                   select
                   from pg_catalog.pg_attribute as col
                   where col.attrelid = c.oid
                     and col.attnum > 0
                     and not col.attisdropped
                     and has_column_privilege('authenticated', c.oid, col.attnum, 'select')
               ) as readable_by_users
        from pg_catalog.pg_constraint as fk
        join pg_catalog.pg_class as c on c.oid = fk.conrelid
        join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = fk.conkey[1]
        where fk.contype = 'f'
          and fk.confrelid = 'auth.users'::regclass
          and cardinality(fk.conkey) = 1
          and a.attname in ('user_id', 'created_by')
          and c.relnamespace = 'public'::regnamespace
          and c.relkind in ('r', 'p')
        order by c.relname
    loop
        execute format(
            'select coalesce(jsonb_agg(to_jsonb(t)), ''[]'') from (select %s from public.%I where %I = $1) as t',
            (
                select string_agg(format('%I', col.attname), ', ' order by col.attnum)
                from pg_catalog.pg_attribute as col
                where col.attrelid = source.table_oid
                  and col.attnum > 0
                  and not col.attisdropped
                  and col.attname !~ '^encrypted_|_encrypted$|^initialization_vector$|_iv$'
                  and (not source.readable_by_users
                       or has_column_privilege('authenticated', source.table_oid, col.attnum, 'select'))
            ),
            source.table_name,
            source.tenant_column
        )
        into rows
        using p_user_id;
        tables := tables || jsonb_build_object(source.table_name, rows);
    end loop;
    return jsonb_build_object(
        'user_id', p_user_id,
        'exported_at', now(),
        'format_version', 1,
        'tables', tables
    );
end
$$;

comment on function public.export_user_data(uuid) is
    'GDPR export: one JSON document with the user''s rows from every table of public that has a tenant column (found in the catalog at call time), keyed by table name, without secret columns (encrypted_*, *_encrypted, initialization_vector, *_iv, and columns hidden from users by column grants). Users may export only themselves (else 42501); service_role anyone.';

revoke execute on function public.export_user_data(uuid) from public, anon;
grant execute on function public.export_user_data(uuid) to authenticated, service_role;
