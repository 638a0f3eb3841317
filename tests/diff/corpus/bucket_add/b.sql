-- bucket_add: the second schema
insert into storage.buckets (id, name, public) values ('media', 'media', false);
