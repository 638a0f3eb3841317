-- inheritance_parent_drops_column_child_keeps: the first schema
create table public.items (
    id bigint not null,
    note text
);
create table public.special_items (
    extra int
) inherits (public.items);
insert into public.special_items (id, note, extra) values (1, 'kept', 7);
