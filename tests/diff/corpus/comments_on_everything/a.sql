-- comments_on_everything: the first schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
create policy t_read on public.t for select to authenticated using (true);
create index t_n_idx on public.t (n);
create function public.touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_touch before update on public.t for each row execute function public.touch();
alter table public.t add constraint t_n_positive check (n > 0);
create view public.v as select id, name from public.t;
