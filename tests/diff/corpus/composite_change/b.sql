-- composite_change: the second schema
create type public.pair as (a bigint, c text);
