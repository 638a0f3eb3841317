-- sql/functions/confirm_data_deletion.sql

create or replace function public.confirm_data_deletion(p_request_id uuid)
returns public.data_deletion_requests
language plpgsql
volatile
set search_path = ''
as $$
-- The user's second step (e.g. after clicking the link in the confirmation
-- mail). Runs with the caller's rights, so RLS limits it to their own
-- requests; audited by trigger (deletion_confirmed).
declare
    request public.data_deletion_requests;
begin
    update public.data_deletion_requests
    set confirmed_at = now()
    where id = p_request_id
      and user_id = auth.uid()
      and status = 'pending'
      and confirmed_at is null
    returning * into request;
    if not found then
        raise exception 'no unconfirmed pending deletion request % of the current user', p_request_id
            using errcode = 'no_data_found';
    end if;
    return request;
end
$$;

comment on function public.confirm_data_deletion(uuid) is
    'Confirms the calling user''s pending data deletion request, so the server may process it. Audited as deletion_confirmed.';

revoke execute on function public.confirm_data_deletion(uuid) from public, anon;
grant execute on function public.confirm_data_deletion(uuid) to authenticated;
