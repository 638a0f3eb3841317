-- function_overload_dropped: the first schema
create function public.f(x int) returns int language sql as $$ select x $$;
create function public.f(x text) returns text language sql as $$ select x $$;
