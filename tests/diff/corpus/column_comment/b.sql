-- column_comment: the second schema
create table public.t (id int primary key, name text, n int);
comment on column public.t.name is 'Display name.';
