-- sql/functions/complete_data_deletion.sql

create or replace function public.complete_data_deletion(p_request_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Runs as its owner because deleting from auth.users is beyond
-- service_role's table rights on vanilla servers. Every row the user owns
-- goes with the account: each tenant column cascades from auth.users. The
-- user's storage objects go first (erase_user_storage_objects(): deleted,
-- or queued for the Storage API and made unreachable meanwhile).
declare
    request public.data_deletion_requests;
begin
    update public.data_deletion_requests
    set status = 'completed',
        completed_at = now()
    where id = p_request_id
    returning * into request;
    if not found then
        raise exception 'no data deletion request %', p_request_id using errcode = 'no_data_found';
    end if;
    perform public.erase_user_storage_objects(request.user_id);
    delete from auth.users where id = request.user_id;
end
$$;

comment on function public.complete_data_deletion(uuid) is
    'Completes a confirmed, processing deletion request and deletes the user, which removes every row they own, and their storage objects (or queues them for the Storage API). service_role only.';

revoke execute on function public.complete_data_deletion(uuid) from public, anon, authenticated;
grant execute on function public.complete_data_deletion(uuid) to service_role;
