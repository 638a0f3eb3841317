-- function_strict_parallel_leakproof: the second schema
create function public.f(x int) returns int language sql immutable strict parallel safe cost 5 as $$ select x $$;
