-- sql/functions/purge_expired_user_data.sql

create or replace function public.purge_expired_user_data()
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
-- Acts on user_privacy_settings.data_retention_days: for every user, the
-- rows of the tables below created more than that many days ago are
-- deleted. The tables are the user's activity records and message history:
--   user_analytics_events, knowledge_access_logs, autopilot_activity_log,
--   chat_messages (the sessions' counters follow by trigger) and
--   conversation_messages.
-- What the user keeps as their own work (campaigns, leads, content, assets,
-- documents) stays until they delete it or their account. Scheduled daily
-- by the pg_cron job privacy-retention-purge; service_role only.
declare
    v_counts jsonb := '{}';
    v_rows integer;
begin
    delete from public.user_analytics_events as t
    using public.user_privacy_settings as s
    where s.user_id = t.user_id
      and t.created_at < now() - make_interval(days => s.data_retention_days);
    get diagnostics v_rows = row_count;
    v_counts := v_counts || jsonb_build_object('user_analytics_events', v_rows);

    delete from public.knowledge_access_logs as t
    using public.user_privacy_settings as s
    where s.user_id = t.user_id
      and t.created_at < now() - make_interval(days => s.data_retention_days);
    get diagnostics v_rows = row_count;
    v_counts := v_counts || jsonb_build_object('knowledge_access_logs', v_rows);

    delete from public.autopilot_activity_log as t
    using public.user_privacy_settings as s
    where s.user_id = t.user_id
      and t.created_at < now() - make_interval(days => s.data_retention_days);
    get diagnostics v_rows = row_count;
    v_counts := v_counts || jsonb_build_object('autopilot_activity_log', v_rows);

    delete from public.chat_messages as t
    using public.user_privacy_settings as s
    where s.user_id = t.user_id
      and t.created_at < now() - make_interval(days => s.data_retention_days);
    get diagnostics v_rows = row_count;
    v_counts := v_counts || jsonb_build_object('chat_messages', v_rows);

    delete from public.conversation_messages as t
    using public.user_privacy_settings as s
    where s.user_id = t.user_id
      and t.created_at < now() - make_interval(days => s.data_retention_days);
    get diagnostics v_rows = row_count;
    v_counts := v_counts || jsonb_build_object('conversation_messages', v_rows);

    return v_counts;
end
$$;

comment on function public.purge_expired_user_data() is
    'Retention purge (daily pg_cron job privacy-retention-purge): deletes, per user, the rows older than user_privacy_settings.data_retention_days from user_analytics_events, knowledge_access_logs, autopilot_activity_log, chat_messages and conversation_messages. Returns the deleted count per table. service_role only.';

revoke execute on function public.purge_expired_user_data() from public, anon, authenticated;
grant execute on function public.purge_expired_user_data() to service_role;
