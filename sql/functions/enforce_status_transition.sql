-- sql/functions/enforce_status_transition.sql

create or replace function public.enforce_status_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
-- The trigger's arguments are the allowed moves, each 'from>to'
-- (for example 'pending>processing'). A status may always stay as it is.
declare
    allowed text[] := tg_argv;
    reachable text;
begin
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

comment on function public.enforce_status_transition() is
    'BEFORE UPDATE OF status trigger: refuses a status change not listed in the trigger arguments (''from>to'').';

revoke execute on function public.enforce_status_transition() from public, anon, authenticated;
