-- bucket_public: the first schema
insert into storage.buckets (id, name, public) values ('media', 'media', false);
