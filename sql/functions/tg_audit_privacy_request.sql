-- sql/functions/tg_audit_privacy_request.sql

create or replace function public.tg_audit_privacy_request()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Every step of an export or deletion request is written to
-- privacy_audit_log; a new deletion request also marks the user's privacy
-- settings, so support sees it at a glance, and cancelling the last open one
-- clears the mark.
declare
    subject text := case tg_table_name when 'data_export_requests' then 'export' else 'deletion' end;
    event text;
begin
    if tg_op = 'INSERT' then
        event := subject || '_requested';
        if subject = 'deletion' then
            update public.user_privacy_settings
            set right_to_be_deleted_requested = true
            where user_id = new.user_id;
        end if;
    elsif (to_jsonb(new) ->> 'confirmed_at') is not null and (to_jsonb(old) ->> 'confirmed_at') is null then
        event := 'deletion_confirmed';
    elsif new.status is distinct from old.status and new.status in ('completed', 'failed', 'cancelled') then
        event := subject || '_' || new.status;
        -- a withdrawn request withdraws the flag, unless another one is still open
        if new.status = 'cancelled' and not exists (
            select
            from public.data_deletion_requests as r
            where r.user_id = new.user_id
              and r.status in ('pending', 'processing')
        ) then
            update public.user_privacy_settings
            set right_to_be_deleted_requested = false
            where user_id = new.user_id;
        end if;
    end if;
    if event is not null then
        perform public.write_privacy_audit(new.user_id, event,
                                           jsonb_build_object('request_id', new.id, 'status', new.status));
    end if;
    return null;
end
$$;

comment on function public.tg_audit_privacy_request() is
    'AFTER INSERT OR UPDATE trigger on data_export_requests and data_deletion_requests: writes privacy_audit_log.';

revoke execute on function public.tg_audit_privacy_request() from public, anon, authenticated;
