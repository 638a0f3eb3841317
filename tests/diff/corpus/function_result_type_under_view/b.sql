-- function_result_type_under_view: the second schema
create function public.score(p int) returns bigint language sql immutable as $$ select p::bigint * 2 $$;
create view public.scores as select public.score(1) as s;
