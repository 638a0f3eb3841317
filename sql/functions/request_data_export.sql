-- sql/functions/request_data_export.sql

create or replace function public.request_data_export()
returns public.data_export_requests
language plpgsql
volatile
set search_path = ''
as $$
-- Files an export request for the calling user, or returns the one still
-- open (pending or processing): asking twice does not queue two exports.
-- Runs with the caller's rights; the insert is audited by trigger
-- (export_requested).
declare
    caller uuid := auth.uid();
    request public.data_export_requests;
begin
    if caller is null then
        raise exception 'only a signed-in user may request a data export'
            using errcode = 'insufficient_privilege';
    end if;
    -- serialises concurrent requests of the same user
    perform pg_advisory_xact_lock(hashtextextended('public.request_data_export:' || caller::text, 0));
    select r.* into request
    from public.data_export_requests as r
    where r.user_id = caller
      and r.status in ('pending', 'processing')
    order by r.requested_at
    limit 1;
    if found then
        return request;
    end if;
    insert into public.data_export_requests (user_id)
    values (caller)
    returning * into request;
    return request;
end
$$;

comment on function public.request_data_export() is
    'Files a data export request for the calling user (or returns their open one); the server fulfils it with export_user_data() and complete_data_export(). Audited as export_requested.';

revoke execute on function public.request_data_export() from public, anon;
grant execute on function public.request_data_export() to authenticated;
