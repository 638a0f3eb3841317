-- partition_list_default: the second schema
create table public.msgs (id int, channel text not null) partition by list (channel);
create table public.msgs_email partition of public.msgs for values in ('email');
create table public.msgs_other partition of public.msgs default;
