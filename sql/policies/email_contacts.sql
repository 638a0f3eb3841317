-- sql/policies/email_contacts.sql
-- Who may do what on public.email_contacts: each user manages only their own rows. Re-applied as a whole.

revoke all on public.email_contacts from anon, authenticated;
grant select, insert, update, delete on public.email_contacts to authenticated;
grant all on public.email_contacts to service_role;

create policy email_contacts_owner on public.email_contacts
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
