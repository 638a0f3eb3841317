-- function_plpgsql: the second schema
create function public.h() returns int language plpgsql as $$ begin return 1; end $$;
