-- cross_schema_policy_function: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
create schema private;
create function private.can_read(p_n int) returns boolean language sql stable set search_path = ''
    as $$ select p_n > 0 $$;
create policy t_read on public.t for select to authenticated using (private.can_read(n));
