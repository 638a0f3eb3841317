-- matview_change_keeps_index: the first schema
create table public.t (id int primary key, name text, n int);
create materialized view public.t_counts as select n, count(*) as total from public.t group by n;
create unique index t_counts_n_idx on public.t_counts (n);
