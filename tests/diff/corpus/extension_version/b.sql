-- extension_version: the second schema
create extension hstore with schema extensions version '1.8';
