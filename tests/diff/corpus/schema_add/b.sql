-- schema_add: the second schema
create schema app;
comment on schema app is 'Application internals.';
grant usage on schema app to authenticated;
create table app.settings (id int primary key, value text);
