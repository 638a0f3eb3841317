-- composite_add: the second schema
create type public.money_amount as (amount numeric(12, 2), currency text);
create function public.zero(p_currency text) returns public.money_amount language sql immutable
    set search_path = '' as $$ select row(0, p_currency)::public.money_amount $$;
