-- sequence_drop: the first schema
create sequence public.s;
