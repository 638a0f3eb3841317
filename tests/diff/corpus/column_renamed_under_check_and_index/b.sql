-- column_renamed_under_check_and_index: the second schema
create table public.contacts (
    id bigint primary key,
    email text constraint contacts_email_check check (length(email) < 320)
);
create index contacts_email_idx on public.contacts (email);
comment on index public.contacts_email_idx is 'lookups by address';
alter table public.contacts rename column email to address;
