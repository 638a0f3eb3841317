-- function_volatility: the second schema
create function public.f(x int) returns int language sql stable as $$ select x + 1 $$;
