-- sql/policies/ai_interaction_feedback.sql
-- Who may do what on public.ai_interaction_feedback: each user manages the feedback they gave. Re-applied as a whole.

revoke all on public.ai_interaction_feedback from anon, authenticated;
grant select, insert, update, delete on public.ai_interaction_feedback to authenticated;
grant all on public.ai_interaction_feedback to service_role;

create policy ai_interaction_feedback_owner on public.ai_interaction_feedback
    for all
    to authenticated
    using ((select auth.uid()) = user_id)
    with check ((select auth.uid()) = user_id);
