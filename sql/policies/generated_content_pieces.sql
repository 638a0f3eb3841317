-- sql/policies/generated_content_pieces.sql
-- Who may do what on public.generated_content_pieces. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.generated_content_pieces from anon, authenticated;
grant select, delete on public.generated_content_pieces to authenticated;
grant insert (id, user_id, campaign_id, content_type, platform, title, body, status, ai_model, prompt,
    metadata, created_at, updated_at)
    on public.generated_content_pieces to authenticated;
grant update (id, user_id, campaign_id, content_type, platform, title, body, status, ai_model, prompt,
    metadata, created_at, updated_at)
    on public.generated_content_pieces to authenticated;
grant all on public.generated_content_pieces to service_role;

create policy generated_content_pieces_owner on public.generated_content_pieces
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
