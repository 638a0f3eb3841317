-- grant_column_dropped: the second schema
create table public.profiles (
    id bigint primary key,
    display_name text
);
revoke all on public.profiles from anon, authenticated;
grant select (id, display_name) on public.profiles to authenticated;
