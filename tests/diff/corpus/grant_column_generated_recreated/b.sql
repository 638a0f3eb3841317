-- grant_column_generated_recreated: the second schema
create table public.lines (
    id bigint primary key,
    quantity int not null,
    doubled int generated always as (quantity * 3) stored
);
revoke all on public.lines from anon, authenticated;
grant select (id, quantity, doubled) on public.lines to authenticated;
