-- function_replaced_signature: the second schema
create function public.f(x bigint) returns bigint language sql immutable as $$ select x + 1 $$;
