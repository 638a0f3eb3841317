-- sql/functions/ai_video_jobs_stamp_status.sql

create or replace function public.ai_video_jobs_stamp_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Stamps started_at when a job starts processing and completed_at when it
-- finishes (completed or failed), unless the writer set them.
begin
    if new.status = 'processing' and new.started_at is null then
        new.started_at := now();
    end if;
    if new.status in ('completed', 'failed') and new.completed_at is null then
        new.completed_at := now();
    end if;
    return new;
end
$$;

comment on function public.ai_video_jobs_stamp_status() is
    'BEFORE INSERT OR UPDATE OF status trigger on ai_video_jobs: stamps started_at on processing and completed_at on completed or failed.';

revoke execute on function public.ai_video_jobs_stamp_status() from public, anon, authenticated;
