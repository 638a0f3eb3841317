-- sql/policies/research_notes.sql
-- Who may do what on public.research_notes: each user manages only their own rows. Re-applied as a whole.

revoke all on public.research_notes from anon, authenticated;
grant select, insert, update, delete on public.research_notes to authenticated;
grant all on public.research_notes to service_role;

create policy research_notes_owner on public.research_notes
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
