-- sql/functions/record_model_discovery.sql

create or replace function public.record_model_discovery(p_models jsonb)
returns public.ai_model_update_logs
language plpgsql
volatile
set search_path = ''
as $$
-- Records one model discovery run. p_models maps each checked provider to
-- the models it lists now, e.g.
--   {"openai": [{"model_name": "gpt-5", "model_type": "flagship"}, ...], ...}
-- (optional per model: display_name, capabilities, pricing, context_window,
-- metadata). For every provider present:
--   - unknown models are added (model_type required);
--   - known models are refreshed (last_seen_at, and reactivated if they had
--     been deprecated); a changed model_type drops their default flag;
--   - active models missing from the list are deprecated: is_active and
--     is_default false, deprecated_at stamped.
-- Then every (provider, model_type) of those providers that has an active
-- model but no default gets one: the first of that type in the provider's
-- list. Providers absent from p_models are not touched, and an empty list is
-- refused (leave out a provider whose check failed rather than deprecating
-- all its models). Writes and returns the ai_model_update_logs row.
declare
    v_started timestamptz := clock_timestamp();
    v_provider text;
    v_list jsonb;
    v_item jsonb;
    v_name text;
    v_type text;
    v_names text[];
    v_existing public.ai_model_configs;
    v_providers text[] := '{}';
    v_discovered integer := 0;
    v_added text[] := '{}';
    v_reactivated text[] := '{}';
    v_deprecated text[] := '{}';
    v_promoted text[] := '{}';
    v_log public.ai_model_update_logs;
    r record;
begin
    if p_models is null or jsonb_typeof(p_models) <> 'object' or p_models = '{}'::jsonb then
        raise exception 'p_models must be a non-empty object {provider: [models]}'
            using errcode = 'invalid_parameter_value';
    end if;
    -- one discovery run at a time
    perform pg_advisory_xact_lock(hashtextextended('public.record_model_discovery', 0));

    for v_provider, v_list in
        select e.key, e.value from jsonb_each(p_models) as e order by e.key
    loop
        if jsonb_typeof(v_list) is distinct from 'array' or jsonb_array_length(v_list) = 0 then
            raise exception 'the model list of provider % must be a non-empty array', v_provider
                using errcode = 'invalid_parameter_value',
                      hint = 'Leave out a provider whose check failed instead of sending an empty list.';
        end if;
        v_providers := v_providers || v_provider;
        v_names := '{}';
        for v_item in select e.value from jsonb_array_elements(v_list) as e loop
            v_name := nullif(btrim(v_item ->> 'model_name'), '');
            v_type := v_item ->> 'model_type';
            if jsonb_typeof(v_item) <> 'object' or v_name is null then
                raise exception 'every model of provider % needs a model_name: %', v_provider, v_item
                    using errcode = 'invalid_parameter_value';
            end if;
            continue when v_name = any (v_names);
            v_names := v_names || v_name;
            v_discovered := v_discovered + 1;

            select m.* into v_existing
            from public.ai_model_configs as m
            where m.provider = v_provider and m.model_name = v_name
            for update;
            if not found then
                if v_type is null then
                    raise exception 'new model %/% needs a model_type', v_provider, v_name
                        using errcode = 'invalid_parameter_value';
                end if;
                insert into public.ai_model_configs
                    (provider, model_name, display_name, model_type, capabilities, pricing,
                     context_window, metadata, last_seen_at)
                values (v_provider, v_name, v_item ->> 'display_name', v_type,
                        coalesce(v_item -> 'capabilities', '{}'), coalesce(v_item -> 'pricing', '{}'),
                        (v_item ->> 'context_window')::integer, coalesce(v_item -> 'metadata', '{}'),
                        now());
                v_added := v_added || (v_provider || '/' || v_name);
            else
                update public.ai_model_configs as m
                set is_active = true,
                    deprecated_at = null,
                    last_seen_at = now(),
                    model_type = coalesce(v_type, m.model_type),
                    is_default = m.is_default and coalesce(v_type, m.model_type) = m.model_type,
                    display_name = coalesce(v_item ->> 'display_name', m.display_name),
                    capabilities = coalesce(v_item -> 'capabilities', m.capabilities),
                    pricing = coalesce(v_item -> 'pricing', m.pricing),
                    context_window = coalesce((v_item ->> 'context_window')::integer, m.context_window),
                    metadata = m.metadata || coalesce(v_item -> 'metadata', '{}')
                where m.id = v_existing.id;
                if not v_existing.is_active then
                    v_reactivated := v_reactivated || (v_provider || '/' || v_name);
                end if;
            end if;
        end loop;

        with gone as (
            update public.ai_model_configs as m
            set is_active = false,
                is_default = false,
                deprecated_at = now()
            where m.provider = v_provider
              and m.is_active
              and not (m.model_name = any (v_names))
            returning m.provider || '/' || m.model_name as name
        )
        select v_deprecated || coalesce(array_agg(gone.name order by gone.name), '{}')
        into v_deprecated
        from gone;
    end loop;

    -- no (provider, type) with an active model is left without a default
    for r in
        select m.provider, m.model_type
        from public.ai_model_configs as m
        where m.provider = any (v_providers) and m.is_active
        group by m.provider, m.model_type
        having not bool_or(m.is_default)
        order by m.provider, m.model_type
    loop
        with chosen as (
            select m.id
            from public.ai_model_configs as m
            join jsonb_array_elements(p_models -> r.provider) with ordinality as e(item, n)
                on e.item ->> 'model_name' = m.model_name
            where m.provider = r.provider and m.model_type = r.model_type and m.is_active
            order by e.n
            limit 1
        )
        update public.ai_model_configs as m
        set is_default = true
        from chosen
        where m.id = chosen.id
        returning m.provider || '/' || m.model_name into v_name;
        v_promoted := v_promoted || v_name;
    end loop;

    insert into public.ai_model_update_logs
        (run_date, models_discovered, models_added, models_deprecated, providers_checked,
         execution_time_ms, details)
    values (now(), v_discovered, cardinality(v_added), cardinality(v_deprecated), v_providers,
            greatest(round(extract(epoch from clock_timestamp() - v_started) * 1000), 0)::integer,
            jsonb_build_object('added', to_jsonb(v_added), 'reactivated', to_jsonb(v_reactivated),
                               'deprecated', to_jsonb(v_deprecated),
                               'defaults_promoted', to_jsonb(v_promoted)))
    returning * into v_log;
    return v_log;
end
$$;

comment on function public.record_model_discovery(jsonb) is
    'Records one AI model discovery run ({provider: [{model_name, model_type, ...}]}): adds new models, refreshes and reactivates listed ones, deprecates active models a checked provider no longer lists, keeps one default per provider and type with active models, and writes the ai_model_update_logs row (counts, execution_time_ms). service_role only.';

revoke execute on function public.record_model_discovery(jsonb) from public, anon, authenticated;
grant execute on function public.record_model_discovery(jsonb) to service_role;
