-- grant_column: the first schema
create table public.t (id int primary key, name text, n int);
revoke all on public.t from anon, authenticated, service_role;
