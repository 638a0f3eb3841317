-- default_privileges_owner_entry_table_add: the first schema
alter default privileges grant usage on sequences to anon;
