-- sql/functions/complete_data_export.sql

create or replace function public.complete_data_export(p_request_id uuid, p_download_url text)
returns public.data_export_requests
language plpgsql
volatile
set search_path = ''
as $$
-- The export worker calls this after uploading the file built from
-- export_user_data(); the link stays valid for seven days.
declare
    request public.data_export_requests;
begin
    update public.data_export_requests
    set status = 'completed',
        completed_at = now(),
        download_url = p_download_url,
        expires_at = now() + interval '7 days'
    where id = p_request_id
    returning * into request;
    if not found then
        raise exception 'no data export request %', p_request_id using errcode = 'no_data_found';
    end if;
    return request;
end
$$;

comment on function public.complete_data_export(uuid, text) is
    'Marks a processing export request completed with its download URL (valid 7 days). service_role only.';

revoke execute on function public.complete_data_export(uuid, text) from public, anon, authenticated;
grant execute on function public.complete_data_export(uuid, text) to service_role;
