-- grant_owner_revoked: the first schema
create table public.ledger (
    id bigint primary key,
    amount numeric not null
);
