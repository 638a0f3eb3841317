-- sql/functions/support_tickets_stamp_resolved_at.sql

create or replace function public.support_tickets_stamp_resolved_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- resolved_at marks when a ticket was last resolved; reopening clears it.
begin
    if new.status in ('resolved', 'closed') then
        new.resolved_at := coalesce(new.resolved_at, now());
    else
        new.resolved_at := null;
    end if;
    return new;
end
$$;

comment on function public.support_tickets_stamp_resolved_at() is
    'BEFORE INSERT OR UPDATE trigger on support_tickets: stamps resolved_at from the status.';

revoke execute on function public.support_tickets_stamp_resolved_at() from public, anon, authenticated;
