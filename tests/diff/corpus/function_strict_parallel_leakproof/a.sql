-- function_strict_parallel_leakproof: the first schema
create function public.f(x int) returns int language sql immutable as $$ select x $$;
