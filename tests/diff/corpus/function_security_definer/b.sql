-- function_security_definer: the second schema
create function public.f(x int) returns int language sql immutable security definer as $$ select x + 1 $$;
