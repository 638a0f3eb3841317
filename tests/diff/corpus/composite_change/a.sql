-- composite_change: the first schema
create type public.pair as (a int, b text);
