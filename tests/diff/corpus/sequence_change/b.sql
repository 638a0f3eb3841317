-- sequence_change: the second schema
create sequence public.s as integer increment by 10 minvalue 5 maxvalue 100000 start with 5 cache 20 cycle;
comment on sequence public.s is 'Numbers.';
