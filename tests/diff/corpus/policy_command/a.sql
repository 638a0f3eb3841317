-- policy_command: the first schema
create table public.t (id int primary key, user_id uuid not null, name text);
alter table public.t enable row level security;
create policy t_read on public.t for select to authenticated using (true);
