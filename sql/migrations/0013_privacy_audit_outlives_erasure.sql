-- sql/migrations/0013_privacy_audit_outlives_erasure.sql
-- Privacy audit: the trail outlives an erased account. Its rows stay as the
-- record that the erasure was requested, confirmed and done, without the
-- person: user_id, client address and user agent become null. The new
-- constraints are added NOT VALID (they hold for every write from now on)
-- and validated by 0014 in a transaction of its own.
-- schema_tool: ignore squawk-ban-drop-not-null (the point: rows outlive their user)
-- schema_tool: ignore squawk-ban-drop-constraint (replaced at once by the same key with on delete set null)

alter table public.privacy_audit_log
    alter column user_id drop not null;

alter table public.privacy_audit_log
    drop constraint privacy_audit_log_user_id_fkey;

alter table public.privacy_audit_log
    add constraint privacy_audit_log_user_id_fkey
    foreign key (user_id) references auth.users (id) on delete set null
    not valid;

alter table public.privacy_audit_log
    add constraint privacy_audit_log_erased_is_anonymous
    check (user_id is not null or (ip_address is null and user_agent is null))
    not valid;

comment on table public.privacy_audit_log is
    'Audit trail of privacy operations (consents, exports, deletions), written by triggers; users read their own. When the account is deleted its rows stay, anonymous, as the record of the erasure.';

comment on column public.privacy_audit_log.user_id is
    'The user; null once the account is deleted (the row then keeps only what happened and when).';
