-- index_ivfflat_params: the first schema
create table public.e (id int primary key, v extensions.vector(3));
create index e_v_idx on public.e using ivfflat (v extensions.vector_l2_ops) with (lists = 10);
