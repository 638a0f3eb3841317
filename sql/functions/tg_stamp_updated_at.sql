-- sql/functions/tg_stamp_updated_at.sql

create or replace function public.tg_stamp_updated_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
    new.updated_at := now();
    return new;
end
$$;

comment on function public.tg_stamp_updated_at() is
    'BEFORE UPDATE trigger: stamps updated_at with the transaction time.';

revoke execute on function public.tg_stamp_updated_at() from public, anon, authenticated;
