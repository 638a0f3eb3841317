-- grant_column_dropped: the first schema
create table public.profiles (
    id bigint primary key,
    display_name text,
    secret text
);
revoke all on public.profiles from anon, authenticated;
grant select (id, display_name, secret) on public.profiles to authenticated;
grant update (secret) on public.profiles to authenticated;
