-- grant_update_column: the second schema
create table public.t (id int primary key, name text, n int);
revoke all on public.t from anon, authenticated, service_role;
grant update (name) on public.t to authenticated;
