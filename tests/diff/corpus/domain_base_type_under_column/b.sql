-- domain_base_type_under_column: the second schema
create domain public.sku as text constraint sku_not_blank check (length(trim(value)) > 0);
create table public.products (
    id bigint generated always as identity primary key,
    sku public.sku not null default 'NEW',
    aliases public.sku[]
);
create view public.product_skus with (security_invoker = true) as
    select id, sku from public.products;
