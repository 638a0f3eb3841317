"""Erasure leaves nothing of the user readable in storage.

complete_data_deletion() removes the user's storage objects. On the
bootstrap's stand-in, SQL may delete object rows, so they are deleted. On
Supabase, storage.protect_delete() (a statement-level BEFORE DELETE trigger)
refuses any direct delete unless the Storage API set
storage.allow_delete_query: the test builds that trigger as Supabase ships
it and shows the queue path: each object is queued for the storage worker
and renamed out of every folder, so nothing of the user is listed or
reachable by its old path, until the worker removes it through the API.
"""

from __future__ import annotations

import psycopg
import pytest

# Supabase's storage.protect_delete(), as its storage migrations create it.
SUPABASE_PROTECT_DELETE = (
    """
    create function storage.protect_delete() returns trigger language plpgsql as $$
    begin
        if coalesce(current_setting('storage.allow_delete_query', true), 'false') != 'true' then
            raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
                using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
        end if;
        return null;
    end
    $$
    """,
    "create trigger protect_objects_delete before delete on storage.objects "
    "for each statement execute function storage.protect_delete()",
)


@pytest.fixture
def users(db):
    a, b = db.new_user(), db.new_user()
    for owner in (a, b):
        for name in ("p1/final.mp4", "p1/scene-1.png", "p2/final.mp4"):
            db.insert("storage.objects", bucket_id="ai-videos", name=f"{owner}/{name}", owner=owner)
    return a, b


def erase(db, user):
    request = db.insert("data_deletion_requests", user_id=user, confirmed_at="now()")
    with db.as_service_role() as cur:
        cur.execute("update public.data_deletion_requests set status = 'processing' where id = %s", (request["id"],))
        cur.execute("select public.complete_data_deletion(%s)", (request["id"],))


def objects_of(db, user) -> list[str]:
    return [r["name"] for r in db.execute(
        "select name from storage.objects where name like %s or owner = %s order by name", (f"{user}/%", user))]


def listed_by_anyone(db, user, reader) -> int:
    counts = []
    for acting in (db.as_anon(), db.as_user(reader)):
        with acting as cur:
            counts.append(cur.execute("select count(*) as n from storage.objects where name like %s or owner = %s",
                                      (f"{user}/%", user)).fetchone()["n"])
    return sum(counts)


def test_on_the_stand_in_erasure_deletes_the_objects(db, users):
    a, b = users
    erase(db, a)
    assert objects_of(db, a) == []
    assert len(objects_of(db, b)) == 3, "another user's objects must stay"
    assert db.execute("select count(*) as n from public.storage_deletion_queue").fetchone()["n"] == 0


def test_where_storage_refuses_direct_deletes_erasure_queues_and_hides_the_objects(db, users):
    a, b = users
    for statement in SUPABASE_PROTECT_DELETE:
        db.execute(statement)
    ids = {r["name"]: r["id"] for r in db.execute("select id, name from storage.objects where owner = %s", (a,))}
    # the platform really refuses a direct delete
    db.execute("savepoint before_delete")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="Use the Storage API"):
        db.execute("delete from storage.objects where owner = %s", (a,))
    db.execute("rollback to savepoint before_delete")

    erase(db, a)

    assert db.execute("select count(*) as n from auth.users where id = %s", (a,)).fetchone()["n"] == 0
    queued = db.execute("select object_id, bucket_id, object_name, quarantined_name, reason "
                        "from public.storage_deletion_queue order by object_name").fetchall()
    assert [(q["object_name"], q["object_id"]) for q in queued] == sorted(ids.items())
    assert all(q["quarantined_name"] == f"erased/{q['object_id']}" and q["reason"] == "erasure" for q in queued)
    # nothing of the user is left under their folder (their old paths resolve to nothing) or listable
    assert db.execute("select count(*) as n from storage.objects where name like %s", (f"{a}/%",)).fetchone()["n"] == 0
    assert listed_by_anyone(db, a, b) == 0
    assert len(objects_of(db, b)) == 3

    # the storage worker drains the queue through the Storage API, which may delete
    with db.as_service_role() as cur:
        cur.execute("select set_config('storage.allow_delete_query', 'true', true)")
        cur.execute("delete from storage.objects where id in (select object_id from public.storage_deletion_queue)")
        cur.execute("delete from public.storage_deletion_queue")
        cur.execute("select set_config('storage.allow_delete_query', 'false', true)")
    assert db.execute("select count(*) as n from storage.objects where id = any (%s)",
                      (list(ids.values()),)).fetchone()["n"] == 0


def test_a_second_erasure_pass_does_not_queue_twice(db, users):
    a, _ = users
    for statement in SUPABASE_PROTECT_DELETE:
        db.execute(statement)
    with db.as_service_role() as cur:
        first = cur.execute("select public.erase_user_storage_objects(%s) as r", (a,)).fetchone()["r"]
        again = cur.execute("select public.erase_user_storage_objects(%s) as r", (a,)).fetchone()["r"]
    assert first == {"deleted": 0, "queued": 3}
    assert again["deleted"] == 0
    assert db.execute("select count(*) as n from public.storage_deletion_queue").fetchone()["n"] == 3


def test_users_cannot_call_the_eraser_nor_read_the_queue(db, users):
    a, b = users
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            cur.execute("select public.erase_user_storage_objects(%s)", (a,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(b) as cur:
            cur.execute("select * from public.storage_deletion_queue")
