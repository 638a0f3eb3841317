-- quoted_identifiers: the second schema
create table public."User" (id int primary key, "order" int, "select" text);
create index "User_order_idx" on public."User" ("order");
create view public."order" as select id, "order" from public."User";
