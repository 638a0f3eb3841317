-- function_grants: the second schema
create function public.f(x int) returns int language sql immutable as $$ select x + 1 $$;
revoke execute on function public.f(int) from public;
grant execute on function public.f(int) to authenticated;
