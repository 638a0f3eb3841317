-- function_search_path: the second schema
create function public.f(x int) returns int language sql immutable set search_path = '' as $$ select x + 1 $$;
