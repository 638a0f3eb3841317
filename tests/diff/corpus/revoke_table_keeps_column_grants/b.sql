-- revoke_table_keeps_column_grants: the second schema
create table public.connections (
    id bigint primary key,
    platform text not null,
    token text
);
revoke all on public.connections from anon, authenticated;
grant select (id, platform) on public.connections to authenticated;
