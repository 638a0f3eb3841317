-- revoke_column: the first schema
create table public.t (id int primary key, name text, n int);
revoke all on public.t from anon, authenticated, service_role;
grant select (id, name) on public.t to authenticated;
