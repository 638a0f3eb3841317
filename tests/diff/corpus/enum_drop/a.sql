-- enum_drop: the first schema
create type public.mood as enum ('happy', 'sad');
