-- column_type_enum_to_other_enum: the second schema
create type public.stage as enum ('new', 'won');
create type public.phase as enum ('new', 'won', 'lost');
create table public.deals (
    id bigint generated always as identity primary key,
    stage public.phase not null default 'new',
    history public.phase[] not null default '{}'
);
