-- sql/policies/content_calendar.sql
-- Who may do what on public.content_calendar: each user manages only their own rows. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.content_calendar from anon, authenticated;
grant select, delete on public.content_calendar to authenticated;
grant insert (id, created_by, campaign_id, template_id, title, description, content, content_type, platform,
    status, scheduled_at, hashtags, media_urls, is_ai_generated, metadata, created_at, updated_at)
    on public.content_calendar to authenticated;
grant update (id, created_by, campaign_id, template_id, title, description, content, content_type, platform,
    status, scheduled_at, hashtags, media_urls, is_ai_generated, metadata, created_at, updated_at)
    on public.content_calendar to authenticated;
grant all on public.content_calendar to service_role;

create policy content_calendar_owner on public.content_calendar
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
