-- extension_drop: the first schema
create extension citext with schema extensions;
