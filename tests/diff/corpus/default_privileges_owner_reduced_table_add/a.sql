-- default_privileges_owner_reduced_table_add: the first schema
alter default privileges revoke truncate, trigger on tables from current_user;
