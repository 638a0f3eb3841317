-- level: warning
-- description: A SELECT policy on storage.objects does not limit readers to their own objects, so they list every object of the buckets it covers (each user's folder, file names and metadata); a public bucket serves its files by URL without it.
-- hint: limit the policy to the reader's own folder ((storage.foldername(name))[1] = (select auth.uid())::text) or drop it for a public bucket; a bucket meant to be shared says why with schema_tool: ignore.
-- Supabase's advisor reports the same as public_bucket_allows_listing. A
-- policy limits its readers to their own objects when its USING calls
-- auth.uid(). Read from pg_policy alone (storage.buckets is not read), so
-- the rule also runs on a database without the storage schema.
select 'storage' as schema, 'objects' as "table", p.polname::text as name, 'policy' as kind,
       'lets ' || coalesce(
           (select string_agg(case when r = 0 then 'public' else r::regrole::text end, ', ' order by r)
            from unnest(p.polroles) as r),
           'public'
       ) || ' list objects that are not their own' as message
from pg_catalog.pg_policy as p
where p.polrelid = to_regclass('storage.objects')
  and p.polcmd in ('r', '*')
  and p.polpermissive
  and coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') !~ 'auth\.uid\(\)'
