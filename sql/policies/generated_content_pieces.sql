-- sql/policies/generated_content_pieces.sql
-- Who may do what on public.generated_content_pieces. Re-applied as a whole.

revoke all on public.generated_content_pieces from anon, authenticated;
grant select, insert, update, delete on public.generated_content_pieces to authenticated;
grant all on public.generated_content_pieces to service_role;

create policy generated_content_pieces_owner on public.generated_content_pieces
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
