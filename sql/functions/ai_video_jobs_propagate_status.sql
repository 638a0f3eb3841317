-- sql/functions/ai_video_jobs_propagate_status.sql

create or replace function public.ai_video_jobs_propagate_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Moves the job's project along when the job finishes:
--   - any failed job fails an unfinished project (error_message copied);
--   - the last image_generation job completing moves a project in
--     generating_images to generating_video;
--   - a video_generation job completing completes a project in
--     generating_video (completed_at stamped, video_url = result_url).
-- In every case the project's cost_usd becomes the sum of its jobs' costs.
-- Runs as the job's writer (service_role), who may update projects.
declare
    v_project public.ai_video_projects;
    v_cost numeric;
    v_status text;
begin
    if new.status not in ('completed', 'failed') then
        return null;
    end if;
    select p.* into v_project
    from public.ai_video_projects as p
    where p.id = new.project_id
    for update;
    select coalesce(sum(j.cost_usd), 0) into v_cost
    from public.ai_video_jobs as j
    where j.project_id = new.project_id;

    v_status := v_project.status;
    if v_project.status in ('completed', 'failed') then
        null;  -- finished projects only take the cost
    elsif new.status = 'failed' then
        v_status := 'failed';
    elsif new.job_type = 'image_generation' and v_project.status = 'generating_images'
        and not exists (
            select from public.ai_video_jobs as j
            where j.project_id = new.project_id
              and j.job_type = 'image_generation'
              and j.status <> 'completed')
    then
        v_status := 'generating_video';
    elsif new.job_type = 'video_generation' and v_project.status = 'generating_video' then
        v_status := 'completed';
    end if;

    update public.ai_video_projects as p
    set status = v_status,
        cost_usd = v_cost,
        error_message = case when v_status = 'failed' and p.status <> 'failed'
                             then coalesce(new.error_message, format('%s job %s failed', new.job_type, new.id))
                             else p.error_message end,
        video_url = case when v_status = 'completed' and p.status <> 'completed'
                         then new.result_url else p.video_url end
    where p.id = new.project_id
      and (p.status is distinct from v_status or p.cost_usd is distinct from v_cost);
    return null;
end
$$;

comment on function public.ai_video_jobs_propagate_status() is
    'AFTER INSERT OR UPDATE OF status, cost_usd trigger on ai_video_jobs: a finished job moves its project (images done -> generating_video, video done -> completed, failure -> failed) and refreshes the project''s summed cost_usd.';

revoke execute on function public.ai_video_jobs_propagate_status() from public, anon, authenticated;
