-- column_type_under_policy: the second schema
create table public.t (id int primary key, owner varchar(100));
alter table public.t enable row level security;
create policy t_own on public.t for select to authenticated using (owner = current_user);
