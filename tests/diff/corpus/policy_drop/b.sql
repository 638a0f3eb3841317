-- policy_drop: the second schema
create table public.t (id int primary key, user_id uuid not null, name text);
alter table public.t enable row level security;
