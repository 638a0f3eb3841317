-- trigger_on_platform_table: the second schema
create function public.on_new_user() returns trigger language plpgsql security definer set search_path = ''
    as $$ begin return new; end $$;
create trigger on_new_user after insert on auth.users for each row execute function public.on_new_user();
