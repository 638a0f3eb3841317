-- Storage buckets (rows of storage.buckets).
select b.id, b.name, b.public
from storage.buckets as b
order by 1
