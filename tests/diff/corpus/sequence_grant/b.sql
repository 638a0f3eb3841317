-- sequence_grant: the second schema
create sequence public.s;
revoke all on sequence public.s from anon, authenticated, service_role;
grant usage on sequence public.s to authenticated;
