-- default_privileges_owner_reduced_table_add: the second schema
alter default privileges revoke truncate, trigger on tables from current_user;
create table public.notes (
    id bigint primary key,
    body text
);
grant trigger on public.notes to current_user;
