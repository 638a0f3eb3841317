-- sql/triggers/content_calendar.sql
-- Triggers on public.content_calendar: its status lifecycle, the stamps of its statuses and
-- updated_at.

-- The publishing lifecycle of content_calendar: legal status moves and the
-- published_at stamp.
create or replace trigger content_calendar_status_transition
    before insert or update of status on public.content_calendar
    for each row execute function public.tg_enforce_status_transition(
        '>draft', '>scheduled',
        'draft>scheduled',
        'draft>published',
        'draft>cancelled',
        'scheduled>draft',
        'scheduled>published',
        'scheduled>failed',
        'scheduled>cancelled',
        'failed>scheduled',
        'failed>draft',
        'failed>cancelled'
    );

create or replace trigger content_calendar_stamp_status
    before insert or update of status on public.content_calendar
    for each row execute function public.content_calendar_stamp_status();

create or replace trigger content_calendar_updated_at
    before update on public.content_calendar
    for each row execute function public.tg_stamp_updated_at();
