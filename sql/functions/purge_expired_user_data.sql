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
    v_table text;
    v_rows integer;
    v_counts jsonb := '{}';
begin
    foreach v_table in array array[
        'user_analytics_events', 'knowledge_access_logs', 'autopilot_activity_log', 'chat_messages',
        'conversation_messages'
    ] loop
        -- the table name comes from the list above, never from a caller
        execute format(
            'delete from public.%I as t using public.user_privacy_settings as s '
            'where s.user_id = t.user_id and t.created_at < now() - make_interval(days => s.data_retention_days)',
            v_table
        );
        get diagnostics v_rows = row_count;
        v_counts := v_counts || jsonb_build_object(v_table, v_rows);
    end loop;
    return v_counts;
end
$$;

comment on function public.purge_expired_user_data() is
    'Retention purge (daily pg_cron job privacy-retention-purge): deletes, per user, the rows older than user_privacy_settings.data_retention_days from user_analytics_events, knowledge_access_logs, autopilot_activity_log, chat_messages and conversation_messages. Returns the deleted count per table. service_role only.';

revoke execute on function public.purge_expired_user_data() from public, anon, authenticated;
grant execute on function public.purge_expired_user_data() to service_role;
