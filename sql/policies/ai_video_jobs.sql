-- sql/policies/ai_video_jobs.sql
-- Who may do what on public.ai_video_jobs: jobs are created and updated by the video service (service_role); users read the jobs of their projects. Re-applied as a whole.

revoke all on public.ai_video_jobs from anon, authenticated;
grant select on public.ai_video_jobs to authenticated;
grant all on public.ai_video_jobs to service_role;

create policy ai_video_jobs_select_own on public.ai_video_jobs
    for select
    to authenticated
    using ((select auth.uid()) = user_id);
