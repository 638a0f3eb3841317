-- function_reads_new_table: the second schema
create table public.t (id int primary key, name text, n int);
create function public.count_t() returns bigint language sql stable as $$ select count(*) from public.t $$;
