-- table_comment_add: the second schema
create table public.t (id int primary key, name text, n int);
comment on table public.t is 'Things.';
