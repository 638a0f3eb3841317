-- schema_drop: the first schema
create schema app;
create table app.settings (id int primary key, value text);
