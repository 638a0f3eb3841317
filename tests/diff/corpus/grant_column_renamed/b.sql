-- grant_column_renamed: the second schema
create table public.profiles (
    id bigint primary key,
    display_name text,
    secret text
);
revoke all on public.profiles from anon, authenticated;
grant select (id, display_name, secret) on public.profiles to authenticated;
alter table public.profiles rename column secret to hidden_note;
