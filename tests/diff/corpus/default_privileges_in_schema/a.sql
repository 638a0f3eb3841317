-- default_privileges_in_schema: the first schema
create schema app;
