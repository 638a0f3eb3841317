-- function_config: the first schema
create function public.f() returns int language sql as $$ select 1 $$;
