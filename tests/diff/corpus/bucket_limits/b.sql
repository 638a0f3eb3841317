-- bucket_limits: the second schema
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values ('media', 'media', false, 1048576, array['image/png', 'video/mp4']);
