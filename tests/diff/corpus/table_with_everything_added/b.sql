-- table_with_everything_added: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
create index t_name_idx on public.t (name);
comment on column public.t.name is 'Name.';
create policy t_read on public.t for select to authenticated using (true);
revoke all on public.t from anon, authenticated;
grant select on public.t to authenticated;
