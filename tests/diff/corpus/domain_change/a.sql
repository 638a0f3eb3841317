-- domain_change: the first schema
create domain public.label as text constraint label_not_empty check (length(value) > 0);
