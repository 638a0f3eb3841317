-- function_argument_renamed_under_check: the second schema
create function public.valid(p_text text) returns boolean language sql immutable as $$ select length(p_text) > 0 $$;
create table public.t (id int primary key, name text check (public.valid(name)));
