-- unique_deferrable: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t add constraint t_name_key unique (name) deferrable initially deferred;
