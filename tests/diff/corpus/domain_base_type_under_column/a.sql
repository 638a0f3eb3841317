-- domain_base_type_under_column: the first schema
create domain public.sku as varchar(8) constraint sku_not_blank check (length(trim(value)) > 0);
create table public.products (
    id bigint generated always as identity primary key,
    sku public.sku not null default 'NEW',
    aliases public.sku[]
);
create view public.product_skus with (security_invoker = true) as
    select id, sku from public.products;
insert into public.products (sku, aliases) values ('AB-1', '{AB,A1}');
