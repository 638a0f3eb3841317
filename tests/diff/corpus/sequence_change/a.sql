-- sequence_change: the first schema
create sequence public.s;
