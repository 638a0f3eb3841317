-- trigger_instead_of_on_view: the second schema (the trigger is gone, the view and function stay)
create table public.notes (id bigint primary key, body text not null);
create view public.note_bodies with (security_invoker = true) as select id, body from public.notes;
create function public.note_bodies_insert() returns trigger language plpgsql set search_path = '' as $$
begin
    insert into public.notes (id, body) values (new.id, new.body);
    return new;
end
$$;
