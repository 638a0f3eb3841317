-- domain_check_calls_new_function: the second schema
create function public.is_slug(p text) returns boolean language sql immutable set search_path = ''
    as $$ select p ~ '^[a-z0-9-]+$' $$;
create domain public.slug as text check (public.is_slug(value));
create table public.pages (id int primary key, slug public.slug not null);
