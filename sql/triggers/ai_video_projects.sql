-- sql/triggers/ai_video_projects.sql
-- Triggers on public.ai_video_projects: its status lifecycle, the stamps of its statuses and
-- updated_at.

-- BEFORE triggers of one event fire in name order: *_lifecycle (refuse
-- illegal moves) runs before *_stamp_status (fill the timestamps the CHECKs
-- require).
create or replace trigger ai_video_projects_lifecycle
    before insert or update of status on public.ai_video_projects
    for each row execute function public.tg_enforce_status_transition(
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

create or replace trigger ai_video_projects_updated_at
    before update on public.ai_video_projects
    for each row execute function public.tg_stamp_updated_at();
