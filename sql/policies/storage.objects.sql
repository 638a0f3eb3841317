-- sql/policies/storage.objects.sql
-- Who may do what on storage.objects (every bucket's policies live here).
-- Re-applied as a whole.
--
-- ai-videos: a public bucket of generated videos. Anyone (anon included)
-- fetches an object by its public URL: the Storage API serves a public
-- bucket's objects without any policy. Listing is another matter: a
-- signed-in user lists, creates, changes and deletes objects only under a
-- path whose first folder is their own user id (<user id>/<project
-- id>/video.mp4); anon lists nothing (lint rule public-bucket-allows-listing).
--
-- No grants here: the table's grants are the platform's (Supabase grants
-- select, insert, update, delete to anon and authenticated and lets the
-- policies decide; the bootstrap mirrors that on vanilla PostgreSQL), and
-- the storage schema is not ours to re-grant on Supabase.

create policy ai_videos_select_own on storage.objects
    for select
    to authenticated
    using (
        bucket_id = 'ai-videos'
        and (storage.foldername(name))[1] = (select auth.uid())::text
    );

create policy ai_videos_insert_own on storage.objects
    for insert
    to authenticated
    with check (
        bucket_id = 'ai-videos'
        and (storage.foldername(name))[1] = (select auth.uid())::text
    );

create policy ai_videos_update_own on storage.objects
    for update
    to authenticated
    using (
        bucket_id = 'ai-videos'
        and (storage.foldername(name))[1] = (select auth.uid())::text
    )
    with check (
        bucket_id = 'ai-videos'
        and (storage.foldername(name))[1] = (select auth.uid())::text
    );

create policy ai_videos_delete_own on storage.objects
    for delete
    to authenticated
    using (
        bucket_id = 'ai-videos'
        and (storage.foldername(name))[1] = (select auth.uid())::text
    );
