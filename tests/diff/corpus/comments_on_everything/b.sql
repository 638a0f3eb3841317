-- comments_on_everything: the second schema
create table public.t (id int primary key, name text, n int);
alter table public.t enable row level security;
create policy t_read on public.t for select to authenticated using (true);
create index t_n_idx on public.t (n);
create function public.touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_touch before update on public.t for each row execute function public.touch();
alter table public.t add constraint t_n_positive check (n > 0);
create view public.v as select id, name from public.t;
comment on policy t_read on public.t is 'Everyone reads.';
comment on index public.t_n_idx is 'By n.';
comment on trigger t_touch on public.t is 'Touches.';
comment on constraint t_n_positive on public.t is 'Positive.';
comment on column public.v.name is 'The name.';
