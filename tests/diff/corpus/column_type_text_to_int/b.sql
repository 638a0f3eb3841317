-- column_type_text_to_int: the second schema
create table public.t (id int primary key, code int);
