-- grant_columns_mixed: the second schema
create table public.hooks (id int primary key, name text, url text, secret text, failures int);
revoke all on public.hooks from anon, authenticated;
grant select (id, name, url, failures) on public.hooks to authenticated;
grant insert (name, url, secret) on public.hooks to authenticated;
grant update (name, url, secret) on public.hooks to authenticated;
grant delete on public.hooks to authenticated;
grant references (id) on public.hooks to anon with grant option;
