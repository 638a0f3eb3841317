-- sql/policies/email_templates.sql
-- Who may do what on public.email_templates: each user manages only their own rows. Re-applied as a whole.

revoke all on public.email_templates from anon, authenticated;
grant select, insert, update, delete on public.email_templates to authenticated;
grant all on public.email_templates to service_role;

create policy email_templates_owner on public.email_templates
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
