-- sql/policies/content_templates.sql
-- Who may do what on public.content_templates: each user manages only their own rows. Re-applied as a whole.

revoke all on public.content_templates from anon, authenticated;
grant select, insert, update, delete on public.content_templates to authenticated;
grant all on public.content_templates to service_role;

create policy content_templates_owner on public.content_templates
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
