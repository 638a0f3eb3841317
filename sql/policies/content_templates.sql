-- sql/policies/content_templates.sql
-- Who may do what on public.content_templates: each user manages only their own rows. Re-applied as a whole.
-- Columns tagged [server-kept] in their comments are written by triggers and workers only:
-- the insert and update grants below leave them out.

revoke all on public.content_templates from anon, authenticated;
grant select, delete on public.content_templates to authenticated;
grant insert (id, user_id, name, description, content_type, platform, category, body, variables, tone,
    is_ai_generated, is_archived, created_at, updated_at)
    on public.content_templates to authenticated;
grant update (id, user_id, name, description, content_type, platform, category, body, variables, tone,
    is_ai_generated, is_archived, created_at, updated_at)
    on public.content_templates to authenticated;
grant all on public.content_templates to service_role;

create policy content_templates_owner on public.content_templates
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
