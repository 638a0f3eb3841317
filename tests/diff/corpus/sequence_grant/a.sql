-- sequence_grant: the first schema
create sequence public.s;
