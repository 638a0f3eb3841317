-- sql/functions/ai_video_projects_stamp_status.sql

create or replace function public.ai_video_projects_stamp_status()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
-- Stamps completed_at when a project becomes completed without one.
begin
    if new.status = 'completed' and new.completed_at is null then
        new.completed_at := now();
    end if;
    return new;
end
$$;

comment on function public.ai_video_projects_stamp_status() is
    'BEFORE INSERT OR UPDATE OF status trigger on ai_video_projects: stamps completed_at on completion.';

revoke execute on function public.ai_video_projects_stamp_status() from public, anon, authenticated;
