-- extension_add: the second schema
create extension if not exists pg_trgm with schema extensions;
