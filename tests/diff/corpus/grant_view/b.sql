-- grant_view: the second schema
create table public.t (id int primary key, name text, n int);
create view public.v as select id, name from public.t;
revoke all on public.v from anon, authenticated, service_role;
grant select on public.v to anon;
