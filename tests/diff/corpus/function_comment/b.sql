-- function_comment: the second schema
create function public.f(x int) returns int language sql immutable as $$ select x + 1 $$;
comment on function public.f(int) is 'Adds one.';
