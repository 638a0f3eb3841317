-- sql/functions/erase_user_storage_objects.sql

create or replace function public.erase_user_storage_objects(p_user_id uuid)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
-- Removes every storage object of the user, in any bucket: those under
-- their folder (<user id>/...) and those they own. Where the platform lets
-- SQL delete object rows (the bootstrap's stand-in) they are deleted here.
-- Where it refuses (Supabase: storage.protect_delete() raises 42501 unless
-- the Storage API deletes, since a row deleted by SQL would orphan its
-- file), each object is queued in public.storage_deletion_queue for the
-- storage worker and renamed to erased/<object id>: outside every user's
-- folder, so no policy lists it and its public URL no longer resolves.
-- SECURITY DEFINER: storage.objects is the platform's; callers are
-- complete_data_deletion() and service_role.
declare
    v_deleted integer := 0;
    v_queued integer := 0;
begin
    if p_user_id is null then
        raise exception 'p_user_id must not be NULL' using errcode = 'null_value_not_allowed';
    end if;
    begin
        delete from storage.objects as o
        where (storage.foldername(o.name))[1] = p_user_id::text
           or o.owner = p_user_id;
        get diagnostics v_deleted = row_count;
    exception when insufficient_privilege then
        with doomed as (
            select o.id, o.bucket_id, o.name
            from storage.objects as o
            where (storage.foldername(o.name))[1] = p_user_id::text
               or o.owner = p_user_id
            for update
        ),
        queued as (
            insert into public.storage_deletion_queue (object_id, bucket_id, object_name, quarantined_name, reason)
            select d.id, d.bucket_id, d.name, 'erased/' || d.id::text, 'erasure'
            from doomed as d
            on conflict (object_id) do nothing
        )
        update storage.objects as o
        set name = 'erased/' || o.id::text
        from doomed as d
        where o.id = d.id;
        get diagnostics v_queued = row_count;
    end;
    return jsonb_build_object('deleted', v_deleted, 'queued', v_queued);
end
$$;

comment on function public.erase_user_storage_objects(uuid) is
    'Erases a user''s storage objects (their folder and what they own, every bucket): deleted outright where SQL may delete them, otherwise queued in storage_deletion_queue for the Storage API and renamed out of reach meanwhile. Returns {"deleted", "queued"}. service_role only.';

revoke execute on function public.erase_user_storage_objects(uuid) from public, anon, authenticated;
grant execute on function public.erase_user_storage_objects(uuid) to service_role;
