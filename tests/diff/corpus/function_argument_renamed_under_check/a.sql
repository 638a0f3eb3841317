-- function_argument_renamed_under_check: the first schema
create function public.valid(p text) returns boolean language sql immutable as $$ select length(p) > 0 $$;
create table public.t (id int primary key, name text check (public.valid(name)));
