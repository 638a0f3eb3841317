-- cross_schema_references: the second schema
create table public.t (id int primary key, name text, n int);
create schema reporting;
create table reporting.t_totals (t_id int primary key references public.t (id) on delete cascade, total int);
create view public.t_with_totals with (security_invoker = true) as
    select t.id, t.name, r.total from public.t as t left join reporting.t_totals as r on r.t_id = t.id;
