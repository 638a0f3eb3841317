-- sql/triggers/video_lifecycle.sql
-- AI video generation: the status lifecycles of projects and jobs, their
-- timestamps, and finished jobs moving their project along. BEFORE triggers
-- of one event fire in name order: *_lifecycle (refuse illegal moves) runs
-- before *_stamp_status (fill the timestamps the CHECKs require).

create or replace trigger ai_video_projects_lifecycle
    before insert or update of status on public.ai_video_projects
    for each row execute function public.enforce_status_transition(
        '>draft',
        'draft>planning',
        'planning>generating_images',
        'generating_images>generating_video',
        'generating_video>completed',
        'draft>failed',
        'planning>failed',
        'generating_images>failed',
        'generating_video>failed'
    );

create or replace trigger ai_video_projects_stamp_status
    before insert or update of status on public.ai_video_projects
    for each row execute function public.ai_video_projects_stamp_status();

create or replace trigger ai_video_jobs_lifecycle
    before insert or update of status on public.ai_video_jobs
    for each row execute function public.enforce_status_transition(
        '>pending',
        'pending>processing',
        'processing>completed',
        'processing>failed',
        'pending>failed'
    );

create or replace trigger ai_video_jobs_stamp_status
    before insert or update of status on public.ai_video_jobs
    for each row execute function public.ai_video_jobs_stamp_status();

create or replace trigger ai_video_jobs_propagate_status
    after insert or update of status, cost_usd on public.ai_video_jobs
    for each row execute function public.ai_video_jobs_propagate_status();
