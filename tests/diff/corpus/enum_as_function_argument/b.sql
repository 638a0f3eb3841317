-- enum_as_function_argument: the second schema
create type public.channel as enum ('email', 'sms');
create function public.channel_label(p public.channel) returns text language sql immutable
    as $$ select p::text $$;
