-- sql/policies/content_calendar.sql
-- Who may do what on public.content_calendar: each user manages only their own rows. Re-applied as a whole.

revoke all on public.content_calendar from anon, authenticated;
grant select, insert, update, delete on public.content_calendar to authenticated;
grant all on public.content_calendar to service_role;

create policy content_calendar_owner on public.content_calendar
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
