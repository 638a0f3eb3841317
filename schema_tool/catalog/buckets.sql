-- Storage buckets (rows of storage.buckets): the settings a migration sets.
select
    b.id,
    b.name,
    b.public,
    to_jsonb(b) -> 'file_size_limit' as file_size_limit,
    to_jsonb(b) -> 'allowed_mime_types' as allowed_mime_types
from storage.buckets as b
order by 1
