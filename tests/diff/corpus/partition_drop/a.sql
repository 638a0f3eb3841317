-- partition_drop: the first schema
create table public.events (id bigint not null, at date not null, kind text, primary key (id, at))
    partition by range (at);
create index events_kind_idx on public.events (kind);
create table public.events_2024 partition of public.events for values from ('2024-01-01') to ('2025-01-01');
create table public.events_2025 partition of public.events for values from ('2025-01-01') to ('2026-01-01');
