-- function_return_type: the second schema
create function public.f(x int) returns bigint language sql immutable as $$ select x + 1 $$;
