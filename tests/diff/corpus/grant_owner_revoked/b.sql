-- grant_owner_revoked: the second schema
create table public.ledger (
    id bigint primary key,
    amount numeric not null
);
revoke truncate, delete on public.ledger from current_user;
