-- sql/policies/email_campaigns.sql
-- Who may do what on public.email_campaigns: each user manages only their own rows. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.email_campaigns from anon, authenticated;
grant select, delete on public.email_campaigns to authenticated;
grant insert (id, user_id, campaign_id, template_id, name, subject, preheader, from_name, from_email,
    reply_to, body_html, body_text, list_name, status, scheduled_at, is_ai_generated, metadata,
    created_at, updated_at)
    on public.email_campaigns to authenticated;
grant update (id, user_id, campaign_id, template_id, name, subject, preheader, from_name, from_email,
    reply_to, body_html, body_text, list_name, status, scheduled_at, is_ai_generated, metadata,
    created_at, updated_at)
    on public.email_campaigns to authenticated;
grant all on public.email_campaigns to service_role;

create policy email_campaigns_owner on public.email_campaigns
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
