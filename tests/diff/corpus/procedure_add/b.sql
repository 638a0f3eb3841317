-- procedure_add: the second schema
create procedure public.p(x int) language sql as $$ select x $$;
