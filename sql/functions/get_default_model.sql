-- sql/functions/get_default_model.sql

create or replace function public.get_default_model(
    p_provider text,
    p_model_type text default 'flagship'
)
returns setof public.ai_model_configs
language sql
stable
set search_path = ''
as $$
    select m.*
    from public.ai_model_configs as m
    where m.provider = p_provider
      and m.model_type = p_model_type
      and m.is_active
      and m.is_default
$$;

comment on function public.get_default_model(text, text) is
    'The active default model for a provider and model type (flagship unless given): one row, or none when the pair has no active default.';

revoke execute on function public.get_default_model(text, text) from public, anon;
grant execute on function public.get_default_model(text, text) to authenticated, service_role;
