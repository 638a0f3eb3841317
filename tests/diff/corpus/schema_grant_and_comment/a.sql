-- schema_grant_and_comment: the first schema
create schema app;
