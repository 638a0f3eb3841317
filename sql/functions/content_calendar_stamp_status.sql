-- sql/functions/content_calendar_stamp_status.sql

create or replace function public.content_calendar_stamp_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Stamps published_at when an entry becomes published without one, and
-- clears a stale failure_reason once the entry leaves the failed state.
begin
    if new.status = 'published' and new.published_at is null then
        new.published_at := now();
    end if;
    if tg_op = 'UPDATE' and old.status = 'failed' and new.status <> 'failed'
        and new.failure_reason is not distinct from old.failure_reason
    then
        new.failure_reason := null;
    end if;
    return new;
end
$$;

comment on function public.content_calendar_stamp_status() is
    'BEFORE INSERT OR UPDATE OF status trigger on content_calendar: stamps published_at on publishing and clears failure_reason after a failed entry moves on.';

revoke execute on function public.content_calendar_stamp_status() from public, anon, authenticated;
