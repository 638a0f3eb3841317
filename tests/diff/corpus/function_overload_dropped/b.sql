-- function_overload_dropped: the second schema
create function public.f(x int) returns int language sql as $$ select x $$;
