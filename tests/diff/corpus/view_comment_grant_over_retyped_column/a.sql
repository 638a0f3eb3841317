-- view_comment_grant_over_retyped_column: the first schema
create table public.orders (
    id bigint primary key,
    amount int not null default 0
);
create view public.order_totals with (security_invoker = true) as
select id, amount from public.orders;
comment on view public.order_totals is 'totals';
revoke all on public.order_totals from anon, authenticated;
grant select on public.order_totals to authenticated;
