-- serial_table_drop: the first schema
create table public.invoices (id bigserial primary key, note text);
