-- function_result_type_under_default: the first schema
create function public.next_n() returns int language sql volatile as $$ select 1 $$;
create table public.t (id int primary key, n int default public.next_n());
