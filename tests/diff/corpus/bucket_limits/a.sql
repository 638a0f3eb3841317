-- bucket_limits: the first schema
insert into storage.buckets (id, name, public) values ('media', 'media', false);
