-- enum_reorder_under_view_and_function: the first schema
create type public.priority as enum ('high', 'low', 'medium');
create table public.tickets (
    id bigint generated always as identity primary key,
    priority public.priority not null default 'medium'
);
create function public.is_urgent(p public.priority) returns boolean language sql immutable
    as $$ select p = 'high' $$;
create view public.urgent_tickets with (security_invoker = true) as
    select id, priority from public.tickets where public.is_urgent(priority);
alter table public.tickets enable row level security;
create policy tickets_not_low on public.tickets for select to authenticated using (priority <> 'low');
insert into public.tickets (priority) values ('high'), ('low');
