-- domain_change: the second schema
create domain public.label as text not null default 'x' constraint label_short check (length(value) < 100);
comment on domain public.label is 'A short label.';
