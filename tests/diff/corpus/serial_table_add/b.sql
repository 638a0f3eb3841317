-- serial_table_add: the second schema
create table public.invoices (id bigserial primary key, number serial, note text);
grant usage on sequence public.invoices_id_seq to authenticated;
