-- grant_columns_mixed: the first schema
create table public.hooks (id int primary key, name text, url text, secret text, failures int);
