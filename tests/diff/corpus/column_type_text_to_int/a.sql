-- column_type_text_to_int: the first schema
create table public.t (id int primary key, code text);
