-- default_privileges_revoked: the first schema
create schema app;
alter default privileges in schema app grant select, insert on tables to anon;
