-- function_result_type_under_view: the first schema
create function public.score(p int) returns int language sql immutable as $$ select p * 2 $$;
create view public.scores as select public.score(1) as s;
