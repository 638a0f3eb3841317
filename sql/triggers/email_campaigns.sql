-- sql/triggers/email_campaigns.sql
-- Triggers on public.email_campaigns: its status lifecycle, the stamps of its statuses and
-- updated_at.

-- The sending lifecycle of email_campaigns: legal status moves and the
-- sending_started_at / sent_at stamps.
create or replace trigger email_campaigns_status_transition
    before insert or update of status on public.email_campaigns
    for each row execute function public.tg_enforce_status_transition(
        '>draft', '>scheduled',
        'draft>scheduled',
        'draft>sending',
        'draft>cancelled',
        'scheduled>draft',
        'scheduled>sending',
        'scheduled>cancelled',
        'sending>sent',
        'sending>failed',
        'failed>draft',
        'failed>scheduled',
        'failed>cancelled'
    );

create or replace trigger email_campaigns_stamp_status
    before insert or update of status on public.email_campaigns
    for each row execute function public.email_campaigns_stamp_status();

create or replace trigger email_campaigns_updated_at
    before update on public.email_campaigns
    for each row execute function public.tg_stamp_updated_at();
