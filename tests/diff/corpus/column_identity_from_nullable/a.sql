-- column_identity_from_nullable: the first schema
create table public.notes (
    id bigint,
    body text
);
