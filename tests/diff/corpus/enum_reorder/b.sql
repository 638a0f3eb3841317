-- enum_reorder: the second schema
create type public.level as enum ('high', 'low');
