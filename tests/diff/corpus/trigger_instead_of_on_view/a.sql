-- trigger_instead_of_on_view: the first schema (an INSTEAD OF trigger makes the view writable)
create table public.notes (id bigint primary key, body text not null);
create view public.note_bodies with (security_invoker = true) as select id, body from public.notes;
create function public.note_bodies_insert() returns trigger language plpgsql set search_path = '' as $$
begin
    insert into public.notes (id, body) values (new.id, new.body);
    return new;
end
$$;
create trigger note_bodies_insert instead of insert on public.note_bodies
    for each row execute function public.note_bodies_insert();
