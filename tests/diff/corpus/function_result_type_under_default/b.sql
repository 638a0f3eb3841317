-- function_result_type_under_default: the second schema
create function public.next_n() returns bigint language sql volatile as $$ select 1::bigint $$;
create table public.t (id int primary key, n int default public.next_n());
