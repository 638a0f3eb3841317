-- function_overload_added: the first schema
create function public.f(x int) returns int language sql immutable as $$ select x + 1 $$;
