-- schema_grant_and_comment: the second schema
create schema app;
comment on schema app is 'Internals.';
grant usage on schema app to anon, authenticated;
