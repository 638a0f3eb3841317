-- sql/functions/tg_stamp_completed_at.sql

create or replace function public.tg_stamp_completed_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- completed_at follows the status: set when the row reaches 'completed',
-- cleared when it leaves it, so the two can never disagree.
begin
    if new.status = 'completed' then
        new.completed_at := coalesce(new.completed_at, now());
    else
        new.completed_at := null;
    end if;
    return new;
end
$$;

comment on function public.tg_stamp_completed_at() is
    'BEFORE INSERT OR UPDATE trigger: stamps completed_at when status becomes completed and clears it otherwise.';

revoke execute on function public.tg_stamp_completed_at() from public, anon, authenticated;
