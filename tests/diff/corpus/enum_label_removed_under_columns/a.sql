-- enum_label_removed_under_columns: the first schema
create type public.stage as enum ('new', 'stale', 'open', 'closed');
create table public.deals (
    id bigint generated always as identity primary key,
    stage public.stage not null default 'new',
    history public.stage[] not null default '{}'
);
create index deals_stage_idx on public.deals (stage) where stage <> 'closed';
insert into public.deals (stage, history) values ('open', '{new,open}'), ('closed', '{new,closed}');
