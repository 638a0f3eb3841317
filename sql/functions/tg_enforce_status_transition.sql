-- sql/functions/tg_enforce_status_transition.sql

create or replace function public.tg_enforce_status_transition()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- The trigger's arguments are the lifecycle: each 'from>to' is an allowed
-- move (for example 'pending>processing') and each '>to' a status a new row
-- may start in (for example '>pending'). A status may always stay as it
-- is. A row that a signed-in user (or anon) inserts must start in one of
-- the '>to' statuses, so no user creates a row already finished
-- (completed, failed, archived...). The workers (service_role) and the
-- owner may create a row in any status: imports and test fixtures.
declare
    allowed text[] := tg_argv;
    reachable text;
begin
    if tg_op = 'INSERT' then
        if current_user not in ('authenticated', 'anon') or '>' || new.status = any (allowed) then
            return new;
        end if;
        select string_agg(substr(a, 2), ', ' order by a)
        into reachable
        from unnest(allowed) as a
        where a like '>%';
        raise exception 'a new row of % cannot start in status %', tg_table_name, coalesce(new.status, 'NULL')
            using errcode = 'check_violation',
                  detail = format('A new row starts in: %s.', coalesce(reachable, 'no status (no entry declared)')),
                  hint = 'Create the row in its first status and move it along its lifecycle.';
    end if;
    if new.status is not distinct from old.status then
        return new;
    end if;
    if old.status || '>' || new.status = any (allowed) then
        return new;
    end if;
    select string_agg(split_part(a, '>', 2), ', ' order by a)
    into reachable
    from unnest(allowed) as a
    where split_part(a, '>', 1) = old.status;
    raise exception 'illegal status transition on %: % -> %',
        tg_table_name, old.status, new.status
        using errcode = 'check_violation',
              detail = format('From %s the status may move to: %s.',
                              old.status, coalesce(reachable, 'nothing (final state)')),
              hint = 'Status only moves forward along its lifecycle.';
end
$$;

comment on function public.tg_enforce_status_transition() is
    'BEFORE INSERT OR UPDATE OF status trigger: a row a signed-in user inserts must start in a status listed as ''>status'' in the trigger arguments, and any status change must be listed as ''from>to''.';

revoke execute on function public.tg_enforce_status_transition() from public, anon, authenticated;
