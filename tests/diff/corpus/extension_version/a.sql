-- extension_version: the first schema
create extension hstore with schema extensions version '1.7';
