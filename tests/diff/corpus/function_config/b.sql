-- function_config: the second schema
create function public.f() returns int language sql set search_path = '' set work_mem = '64MB' as $$ select 1 $$;
