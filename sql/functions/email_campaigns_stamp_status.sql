-- sql/functions/email_campaigns_stamp_status.sql

create or replace function public.email_campaigns_stamp_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Stamps sending_started_at when a send starts and sent_at when it
-- completes, unless the caller gave them (e.g. an import of past sends).
begin
    if new.status in ('sending', 'sent') and new.sending_started_at is null then
        new.sending_started_at := now();
    end if;
    if new.status = 'sent' and new.sent_at is null then
        new.sent_at := now();
    end if;
    return new;
end
$$;

comment on function public.email_campaigns_stamp_status() is
    'BEFORE INSERT OR UPDATE OF status trigger on email_campaigns: stamps sending_started_at and sent_at.';

revoke execute on function public.email_campaigns_stamp_status() from public, anon, authenticated;
