-- function_argument_renamed_under_policy: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
create function public.allowed(p_value int) returns boolean language sql stable as $$ select p_value > 0 $$;
create policy t_read on public.t for select to authenticated using (public.allowed(n));
