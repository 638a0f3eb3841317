"""The ai-videos bucket: public, so anyone fetches an object by its URL (the
Storage API serves public buckets without a policy), but it is no directory
listing: a signed-in user lists, creates, changes and deletes objects only
under a path starting with their own id, and anon lists nothing."""

import psycopg
import pytest

REFUSED = psycopg.errors.InsufficientPrivilege  # "new row violates row-level security policy"


@pytest.fixture
def users(db):
    a, b = db.new_user(), db.new_user()
    for owner in (a, b):
        db.insert("storage.objects", bucket_id="ai-videos", name=f"{owner}/project/final.mp4", owner=owner)
    return a, b


def insert(cur, name, bucket="ai-videos"):
    cur.execute("insert into storage.objects (bucket_id, name) values (%s, %s)", (bucket, name))


def test_user_uploads_under_own_folder(db, users):
    a, _ = users
    with db.as_user(a) as cur:
        insert(cur, f"{a}/p2/scene-1.png")
    assert db.execute("select count(*) as n from storage.objects where name like %s", (f"{a}/%",)).fetchone()["n"] == 2


@pytest.mark.parametrize("path", ["{b}/p/video.mp4", "video.mp4", "shared/{a}/video.mp4"],
                         ids=["other-users-folder", "bucket-root", "own-id-not-first"])
def test_user_cannot_upload_outside_own_folder(db, users, path):
    a, b = users
    with pytest.raises(REFUSED):
        with db.as_user(a) as cur:
            insert(cur, path.format(a=a, b=b))


def test_user_changes_and_deletes_only_own_objects(db, users):
    a, b = users
    with db.as_user(a) as cur:
        theirs = cur.execute("update storage.objects set metadata = '{\"x\": 1}' where name like %s",
                             (f"{b}/%",)).rowcount
        mine = cur.execute("update storage.objects set metadata = '{\"x\": 1}' where name like %s",
                           (f"{a}/%",)).rowcount
        deleted_theirs = cur.execute("delete from storage.objects where name like %s", (f"{b}/%",)).rowcount
    assert (theirs, mine, deleted_theirs) == (0, 1, 0)
    with db.as_user(a) as cur:
        assert cur.execute("delete from storage.objects where name like %s", (f"{a}/%",)).rowcount == 1


def test_user_cannot_move_an_object_into_another_users_folder(db, users):
    a, b = users
    with pytest.raises(REFUSED):
        with db.as_user(a) as cur:
            cur.execute("update storage.objects set name = %s where name = %s",
                        (f"{b}/stolen.mp4", f"{a}/project/final.mp4"))


def test_users_list_only_their_own_folder(db, users):
    a, b = users
    for user in (a, b):
        with db.as_user(user) as cur:
            names = [r["name"] for r in cur.execute("select name from storage.objects where bucket_id = 'ai-videos'")]
        assert names == [f"{user}/project/final.mp4"]


def test_anon_lists_nothing(db, users):
    with db.as_anon() as cur:
        assert cur.execute("select count(*) as n from storage.objects").fetchone()["n"] == 0


def test_the_bucket_stays_public_so_urls_keep_working(db, users):
    assert db.execute("select public from storage.buckets where id = 'ai-videos'").fetchone()["public"] is True


def test_anon_cannot_write(db, users):
    a, _ = users
    with pytest.raises(REFUSED):
        with db.as_anon() as cur:
            insert(cur, f"{a}/anon.mp4")
    with db.as_anon() as cur:
        assert cur.execute("delete from storage.objects").rowcount == 0


def test_policies_do_not_open_other_buckets(db, users):
    a, _ = users
    db.insert("storage.buckets", id="private-docs", name="private-docs", public=False)
    db.insert("storage.objects", bucket_id="private-docs", name=f"{a}/secret.pdf", owner=a)
    with db.as_user(a) as cur:
        assert cur.execute("select count(*) as n from storage.objects where bucket_id = 'private-docs'").fetchone()["n"] == 0
    with pytest.raises(REFUSED):
        with db.as_user(a) as cur:
            insert(cur, f"{a}/other.pdf", bucket="private-docs")
