-- function_overload_added: the second schema
create function public.f(x int) returns int language sql immutable as $$ select x + 1 $$;
create function public.f(x text) returns text language sql immutable as $$ select x $$;
