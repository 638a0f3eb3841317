-- sql/policies/campaign_predictions.sql
-- Who may do what on public.campaign_predictions. Re-applied as a whole.

revoke all on public.campaign_predictions from anon, authenticated;
grant select, insert, update, delete on public.campaign_predictions to authenticated;
grant all on public.campaign_predictions to service_role;

create policy campaign_predictions_owner on public.campaign_predictions
    for all
    to authenticated
    using ((select auth.uid()) = created_by)
    with check ((select auth.uid()) = created_by);
