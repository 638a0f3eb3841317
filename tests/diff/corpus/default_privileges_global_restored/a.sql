-- default_privileges_global_restored: the first schema
alter default privileges revoke execute on functions from public;
