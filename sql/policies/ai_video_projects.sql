-- sql/policies/ai_video_projects.sql
-- Who may do what on public.ai_video_projects: each user manages their own video projects (their status then follows the jobs). Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.ai_video_projects from anon, authenticated;
grant select, delete on public.ai_video_projects to authenticated;
grant insert (id, user_id, campaign_id, title, goal, platform, duration_s, brand_kit, scene_plan,
    auto_generated, created_at, updated_at)
    on public.ai_video_projects to authenticated;
grant update (id, user_id, campaign_id, title, goal, platform, duration_s, brand_kit, scene_plan,
    auto_generated, created_at, updated_at)
    on public.ai_video_projects to authenticated;
grant all on public.ai_video_projects to service_role;

create policy ai_video_projects_owner on public.ai_video_projects
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
