-- default_privileges_revoked: the second schema
create schema app;
