-- sql/migrations/0019_storage_erasure_and_retention.sql
-- Erasure and retention reach storage: the queue of storage objects that a
-- worker removes through the Storage API where the platform refuses direct
-- deletes (Supabase's storage.protect_delete()), the retention period's
-- comment, and the validation of the checks 0018 added NOT VALID (storage
-- paths under the owner's folder, finite dates), each in this file's own
-- transaction so 0018's writes never wait on a validating scan.

create table public.storage_deletion_queue (
    id uuid primary key default gen_random_uuid(),
    object_id uuid not null,
    bucket_id text not null,
    object_name text not null,
    quarantined_name text not null,
    reason text not null
        constraint storage_deletion_queue_reason_check check (reason in ('erasure')),
    queued_at timestamptz not null default now(),
    attempts integer not null default 0
        constraint storage_deletion_queue_attempts_check check (attempts >= 0),
    last_error text,
    constraint storage_deletion_queue_object_id_key unique (object_id)
);

comment on table public.storage_deletion_queue is
    'Storage objects of erased users that the platform would not let SQL delete. The storage worker (service_role) removes each through the Storage API (the file stored under object_name and the object row, now named quarantined_name), then deletes the queue row. Meanwhile the object is renamed out of its owner''s folder, so its public URL no longer resolves and no policy lists it.';
comment on column public.storage_deletion_queue.object_id is 'storage.objects.id of the object to remove.';
comment on column public.storage_deletion_queue.object_name is
    'The object''s name before quarantine: where the Storage API stored its file.';
comment on column public.storage_deletion_queue.quarantined_name is
    'The object''s name now: erased/<object id>, outside every user''s folder.';
comment on column public.storage_deletion_queue.reason is 'Why the object goes: erasure (complete_data_deletion, through erase_user_storage_objects).';
comment on column public.storage_deletion_queue.attempts is 'Removal attempts the worker made; last_error says why the last one failed.';

create index storage_deletion_queue_queued_at_idx on public.storage_deletion_queue (queued_at);

alter table public.storage_deletion_queue enable row level security;

comment on column public.user_privacy_settings.data_retention_days is
    'How long the user''s activity records and message history are kept (30 to 3650 days): purge_expired_user_data(), run daily by the pg_cron job privacy-retention-purge, deletes older rows.';

alter table public.digital_assets validate constraint digital_assets_storage_path_in_owner_folder;

alter table public.knowledge_documents validate constraint knowledge_documents_storage_path_in_owner_folder;

alter table public.autopilot_weekly_reports validate constraint autopilot_weekly_reports_week_start_date_is_finite;

alter table public.analytics_reports validate constraint analytics_reports_period_is_finite;

alter table public.performance_analytics validate constraint performance_analytics_period_is_finite;

alter table public.campaigns validate constraint campaigns_dates_are_finite;

alter table public.ai_model_configs validate constraint ai_model_configs_anthropic_model_name_is_api_id;
