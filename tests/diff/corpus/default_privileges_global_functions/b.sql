-- default_privileges_global_functions: the second schema
alter default privileges revoke execute on functions from public;
