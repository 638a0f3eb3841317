-- sql/policies/support_tickets.sql
-- Who may do what on public.support_tickets. Re-applied as a whole.
-- Anyone may file a ticket: anon only anonymously (no user) and cannot read any ticket;
-- a signed-in user files tickets as themselves and reads and edits only their own;
-- support staff work through service_role.

revoke all on public.support_tickets from anon, authenticated;
grant insert (contact_email, contact_name, subject, description, category) on public.support_tickets to anon;
grant select on public.support_tickets to authenticated;
grant insert (user_id, contact_email, contact_name, subject, description, category) on public.support_tickets to authenticated;
grant update (subject, description, category) on public.support_tickets to authenticated;
grant all on public.support_tickets to service_role;

create policy support_tickets_insert_anonymous on public.support_tickets
    for insert
    to anon
    with check (user_id is null and contact_email is not null);

create policy support_tickets_select_own on public.support_tickets
    for select
    to authenticated
    using ((select auth.uid()) = user_id);

create policy support_tickets_insert_own on public.support_tickets
    for insert
    to authenticated
    with check ((select auth.uid()) = user_id);

create policy support_tickets_update_own on public.support_tickets
    for update
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
