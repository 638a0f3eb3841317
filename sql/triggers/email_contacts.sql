-- sql/triggers/email_contacts.sql
-- Triggers on public.email_contacts: updated_at.

create or replace trigger email_contacts_updated_at
    before update on public.email_contacts
    for each row execute function public.tg_stamp_updated_at();
