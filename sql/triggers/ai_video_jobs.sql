-- sql/triggers/ai_video_jobs.sql
-- Triggers on public.ai_video_jobs: its status lifecycle, the stamps of its statuses, the project's
-- status and cost and updated_at.

-- BEFORE triggers of one event fire in name order: *_lifecycle (refuse
-- illegal moves) runs before *_stamp_status (fill the timestamps the CHECKs
-- require); a finished job moves its project along.
create or replace trigger ai_video_jobs_lifecycle
    before insert or update of status on public.ai_video_jobs
    for each row execute function public.tg_enforce_status_transition(
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

create or replace trigger ai_video_jobs_updated_at
    before update on public.ai_video_jobs
    for each row execute function public.tg_stamp_updated_at();
