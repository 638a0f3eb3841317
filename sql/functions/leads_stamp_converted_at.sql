-- sql/functions/leads_stamp_converted_at.sql

create or replace function public.leads_stamp_converted_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- converted_at follows the status: stamped when the lead becomes converted
-- (an explicit value is kept), cleared when it leaves converted.
begin
    if new.status = 'converted' then
        if tg_op = 'UPDATE' and old.status = 'converted' then
            new.converted_at := coalesce(new.converted_at, old.converted_at);
        end if;
        new.converted_at := coalesce(new.converted_at, now());
    else
        new.converted_at := null;
    end if;
    return new;
end
$$;

comment on function public.leads_stamp_converted_at() is
    'BEFORE INSERT OR UPDATE OF status, converted_at trigger on leads: stamps converted_at when the lead becomes converted and clears it otherwise.';

revoke execute on function public.leads_stamp_converted_at() from public, anon, authenticated;
