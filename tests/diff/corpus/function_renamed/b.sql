-- function_renamed: the second schema
create function public.g(x int) returns int language sql immutable as $$ select x + 1 $$;
