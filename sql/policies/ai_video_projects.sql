-- sql/policies/ai_video_projects.sql
-- Who may do what on public.ai_video_projects: each user manages their own video projects (their status then follows the jobs). Re-applied as a whole.

revoke all on public.ai_video_projects from anon, authenticated;
grant select, insert, update, delete on public.ai_video_projects to authenticated;
grant all on public.ai_video_projects to service_role;

create policy ai_video_projects_owner on public.ai_video_projects
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
