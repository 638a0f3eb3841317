-- policy_calls_new_function: the second schema
create function public.is_owner(u uuid) returns boolean language sql stable as $$ select (select auth.uid()) = u $$;
create table public.t (id int primary key, user_id uuid not null, name text);
alter table public.t enable row level security;
create policy t_owner on public.t for select to authenticated using (public.is_owner(user_id));
