-- sql/migrations/0012_support_privacy.sql
-- Support and privacy: customer support tickets (anonymous and signed-in) and the privacy operations audit log.
-- schema_tool: ignore tenant-column-nullable (support_tickets.user_id is NULL for anonymous tickets)

-- support_tickets -----------------------------------------------------------

create table public.support_tickets (
    id uuid primary key default gen_random_uuid(),
    -- NULL for tickets filed anonymously (the contact form before sign-in)
    user_id uuid references auth.users (id) on delete cascade,
    contact_email text
        constraint support_tickets_contact_email_check check (contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    contact_name text,
    subject text not null
        constraint support_tickets_subject_check check (char_length(btrim(subject)) between 1 and 200),
    description text not null
        constraint support_tickets_description_check check (char_length(description) between 1 and 10000),
    category text not null default 'other'
        constraint support_tickets_category_check
        check (category in ('bug', 'billing', 'feature_request', 'account', 'privacy', 'other')),
    priority text not null default 'normal'
        constraint support_tickets_priority_check check (priority in ('low', 'normal', 'high', 'urgent')),
    status text not null default 'open'
        constraint support_tickets_status_check
        check (status in ('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
    resolved_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint support_tickets_contact_check check (user_id is not null or contact_email is not null)
);

comment on table public.support_tickets is
    'Customer support tickets: filed anonymously (no user, a contact email) or by a signed-in user, who then follows them.';
comment on column public.support_tickets.user_id is
    'The signed-in user who filed the ticket; NULL for anonymous tickets, which need contact_email.';
comment on column public.support_tickets.status is
    'Lifecycle: open -> in_progress <-> waiting_on_customer -> resolved -> closed; resolved -> in_progress reopens.';

create index support_tickets_user_id_created_at_idx on public.support_tickets (user_id, created_at desc);
create index support_tickets_open_idx on public.support_tickets (priority, created_at)
    where status in ('open', 'in_progress', 'waiting_on_customer');

alter table public.support_tickets enable row level security;

-- privacy_audit_log ---------------------------------------------------------

create table public.privacy_audit_log (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    event_type text not null
        constraint privacy_audit_log_event_type_check
        check (event_type in ('consent_updated', 'export_requested', 'export_completed', 'export_failed',
                              'deletion_requested', 'deletion_confirmed', 'deletion_cancelled',
                              'deletion_completed')),
    details jsonb not null default '{}'
        constraint privacy_audit_log_details_is_object check (jsonb_typeof(details) = 'object'),
    ip_address inet,
    user_agent text,
    created_at timestamptz not null default now()
);

comment on table public.privacy_audit_log is
    'Audit trail of privacy operations (consents, exports, deletions), written by triggers; users read their own. It goes with the user when the account is deleted.';
comment on column public.privacy_audit_log.ip_address is 'Client address from the request headers, when known.';

create index privacy_audit_log_user_id_created_at_idx on public.privacy_audit_log (user_id, created_at desc);

alter table public.privacy_audit_log enable row level security;
