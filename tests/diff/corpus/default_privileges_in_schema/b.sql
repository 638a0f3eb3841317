-- default_privileges_in_schema: the second schema
create schema app;
alter default privileges in schema app grant select on tables to authenticated;
alter default privileges in schema app grant usage on sequences to authenticated;
