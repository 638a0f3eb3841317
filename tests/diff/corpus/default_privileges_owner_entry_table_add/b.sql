-- default_privileges_owner_entry_table_add: the second schema
alter default privileges grant usage on sequences to anon;
create table public.notes (
    id bigint generated always as identity primary key,
    body text
);
