-- enum_reorder: the first schema
create type public.level as enum ('low', 'high');
