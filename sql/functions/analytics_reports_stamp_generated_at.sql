-- sql/functions/analytics_reports_stamp_generated_at.sql

create or replace function public.analytics_reports_stamp_generated_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- generated_at follows the status: set when the report completes, cleared
-- when it is generated again.
begin
    if new.status = 'completed' then
        new.generated_at := coalesce(new.generated_at, now());
    else
        new.generated_at := null;
    end if;
    return new;
end
$$;

comment on function public.analytics_reports_stamp_generated_at() is
    'BEFORE INSERT OR UPDATE trigger on analytics_reports: stamps generated_at from the status.';

revoke execute on function public.analytics_reports_stamp_generated_at() from public, anon, authenticated;
