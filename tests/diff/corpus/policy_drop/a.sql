-- policy_drop: the first schema
create table public.t (id int primary key, user_id uuid not null, name text);
alter table public.t enable row level security;
create policy t_owner on public.t for all to authenticated using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
