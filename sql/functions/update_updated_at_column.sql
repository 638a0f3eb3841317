-- sql/functions/update_updated_at_column.sql

create or replace function public.update_updated_at_column()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    new.updated_at := now();
    return new;
end
$$;

comment on function public.update_updated_at_column() is
    'BEFORE UPDATE trigger: stamps updated_at with the transaction time.';

revoke execute on function public.update_updated_at_column() from public, anon, authenticated;
