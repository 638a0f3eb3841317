-- sql/functions/request_data_deletion.sql

create or replace function public.request_data_deletion(p_reason text default null)
returns public.data_deletion_requests
language plpgsql
volatile
set search_path = ''
as $$
-- Files a deletion request for the calling user, or returns the one still
-- open (pending or processing). Runs with the caller's rights; the insert is
-- audited by trigger (deletion_requested) and flags the privacy settings.
-- The request waits for confirm_data_deletion() before the server may
-- process it.
declare
    caller uuid := auth.uid();
    request public.data_deletion_requests;
begin
    if caller is null then
        raise exception 'only a signed-in user may request the deletion of their account'
            using errcode = 'insufficient_privilege';
    end if;
    perform pg_advisory_xact_lock(hashtextextended('public.request_data_deletion:' || caller::text, 0));
    select r.* into request
    from public.data_deletion_requests as r
    where r.user_id = caller
      and r.status in ('pending', 'processing')
    order by r.requested_at
    limit 1;
    if found then
        return request;
    end if;
    insert into public.data_deletion_requests (user_id, reason)
    values (caller, p_reason)
    returning * into request;
    return request;
end
$$;

comment on function public.request_data_deletion(text) is
    'Files a request to delete the calling user''s account and data (or returns their open one); it must be confirmed with confirm_data_deletion() and is completed by complete_data_deletion(). Audited as deletion_requested.';

revoke execute on function public.request_data_deletion(text) from public, anon;
grant execute on function public.request_data_deletion(text) to authenticated;
