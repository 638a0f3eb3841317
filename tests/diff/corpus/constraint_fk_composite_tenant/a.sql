-- constraint_fk_composite_tenant: the first schema
create table public.t (id int primary key, user_id uuid not null, name text);
alter table public.t add constraint t_id_user_key unique (id, user_id);
create table public.c (id int primary key, t_id int, user_id uuid not null, foreign key (t_id) references public.t (id));
