-- policy_on_storage_objects: the second schema
create policy bucket_read on storage.objects for select to anon using (bucket_id = 'pub');
