-- inheritance_parent_drops_column_child_keeps: the second schema
create table public.items (
    id bigint not null,
    note text
);
create table public.special_items (
    extra int
) inherits (public.items);
alter table only public.items drop column note;
