"""AI video projects and jobs: the status lifecycles are enforced, and
finished jobs move their project along (images done -> generating_video,
video done -> completed with completed_at and the summed cost, a failure ->
failed)."""

from decimal import Decimal

import psycopg
import pytest

PROJECT_PATH = ["draft", "planning", "generating_images", "generating_video", "completed"]


@pytest.fixture
def project(db):
    owner = db.new_user()
    row = db.insert("ai_video_projects", user_id=owner, goal="Launch teaser", platform="TikTok", duration_s=15)
    return owner, row


def set_project_status(db, row, status):
    db.execute("update public.ai_video_projects set status = %s where id = %s", (status, row["id"]))


def project_row(db, row):
    return db.execute("select * from public.ai_video_projects where id = %s", (row["id"],)).fetchone()


def add_job(cur, row, job_type, cost=0):
    return cur.execute(
        "insert into public.ai_video_jobs (project_id, user_id, job_type, cost_usd) values (%s, %s, %s, %s) returning *",
        (row["id"], row["user_id"], job_type, cost)).fetchone()


def finish(cur, job, status="completed", url="https://cdn.example/x", error=None):
    cur.execute("update public.ai_video_jobs set status = 'processing' where id = %s", (job["id"],))
    cur.execute("update public.ai_video_jobs set status = %s, result_url = %s, error_message = %s where id = %s",
                (status, url if status == "completed" else None, error, job["id"]))


def test_project_walks_its_whole_lifecycle(db, project):
    owner, row = project
    with db.as_service_role() as cur:
        for status in PROJECT_PATH[1:]:
            cur.execute("update public.ai_video_projects set status = %s where id = %s", (status, row["id"]))
    done = project_row(db, row)
    assert done["status"] == "completed" and done["completed_at"] is not None


def test_the_user_cannot_walk_a_project_to_completed(db, project):
    """The status, the video, its cost and its stamps are the worker's (server-kept), not the user's."""
    owner, row = project
    for change in ("status = 'planning'", "status = 'completed'", "video_url = 'https://x/v.mp4'", "cost_usd = 0",
                   "completed_at = now()"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            with db.as_user(owner) as cur:
                cur.execute(f"update public.ai_video_projects set {change} where id = %s", (row["id"],))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(owner) as cur:
            cur.execute("insert into public.ai_video_projects (user_id, goal, platform, duration_s, status) "
                        "values (%s, 'g', 'Reels', 20, 'completed')", (owner,))
    assert project_row(db, row)["status"] == "draft"


@pytest.mark.parametrize("start, target", [
    ("draft", "completed"),
    ("draft", "generating_video"),
    ("planning", "draft"),
    ("generating_video", "generating_images"),
    ("completed", "failed"),
    ("completed", "draft"),
    ("failed", "planning"),
])
def test_illegal_project_transition_is_refused(db, project, start, target):
    owner, row = project
    for status in PROJECT_PATH[1:PROJECT_PATH.index(start) + 1] if start in PROJECT_PATH else ["failed"]:
        set_project_status(db, row, status)
    with pytest.raises(psycopg.errors.CheckViolation, match=f"illegal status transition on ai_video_projects: {start} -> {target}"):
        with db.as_service_role() as cur:
            cur.execute("update public.ai_video_projects set status = %s where id = %s", (target, row["id"]))
    assert project_row(db, row)["status"] == start


@pytest.mark.parametrize("start", ["draft", "planning", "generating_images", "generating_video"])
def test_any_unfinished_project_may_fail(db, project, start):
    owner, row = project
    for status in PROJECT_PATH[1:PROJECT_PATH.index(start) + 1]:
        set_project_status(db, row, status)
    set_project_status(db, row, "failed")
    assert project_row(db, row)["status"] == "failed"


def test_job_lifecycle_and_illegal_moves(db, project):
    owner, row = project
    with db.as_service_role() as cur:
        job = add_job(cur, row, "image_generation")
        cur.execute("update public.ai_video_jobs set status = 'processing' where id = %s", (job["id"],))
    started = db.execute("select started_at from public.ai_video_jobs where id = %s", (job["id"],)).fetchone()
    assert started["started_at"] is not None
    for target in ("pending", "draft"):
        with pytest.raises(psycopg.errors.CheckViolation):
            with db.as_service_role() as cur:
                cur.execute("update public.ai_video_jobs set status = %s where id = %s", (target, job["id"]))
    with db.as_service_role() as cur:
        cur.execute("update public.ai_video_jobs set status = 'failed' where id = %s", (job["id"],))
    with pytest.raises(psycopg.errors.CheckViolation, match="failed -> completed"):
        with db.as_service_role() as cur:
            cur.execute("update public.ai_video_jobs set status = 'completed', result_url = 'x' where id = %s",
                        (job["id"],))


def test_pending_job_cannot_jump_to_completed(db, project):
    owner, row = project
    with db.as_service_role() as cur:
        job = add_job(cur, row, "video_generation")
    with pytest.raises(psycopg.errors.CheckViolation, match="pending -> completed"):
        with db.as_service_role() as cur:
            cur.execute("update public.ai_video_jobs set status = 'completed', result_url = 'x' where id = %s",
                        (job["id"],))


def test_completed_job_needs_a_result_url(db, project):
    owner, row = project
    with db.as_service_role() as cur:
        job = add_job(cur, row, "image_generation")
        cur.execute("update public.ai_video_jobs set status = 'processing' where id = %s", (job["id"],))
    with pytest.raises(psycopg.errors.CheckViolation, match="ai_video_jobs_result_url_check"):
        with db.as_service_role() as cur:
            cur.execute("update public.ai_video_jobs set status = 'completed' where id = %s", (job["id"],))


def test_jobs_move_the_project_to_completion_with_summed_cost(db, project):
    owner, row = project
    set_project_status(db, row, "planning")
    set_project_status(db, row, "generating_images")
    with db.as_service_role() as cur:
        first = add_job(cur, row, "image_generation", cost=Decimal("0.039"))
        second = add_job(cur, row, "image_generation", cost=Decimal("0.039"))
        finish(cur, first)
        assert project_row(db, row)["status"] == "generating_images"  # one image still pending
        finish(cur, second)
        assert project_row(db, row)["status"] == "generating_video"
        video = add_job(cur, row, "video_generation", cost=Decimal("6.0000"))
        finish(cur, video, url="https://cdn.example/final.mp4")
    done = project_row(db, row)
    assert done["status"] == "completed"
    assert done["completed_at"] is not None
    assert done["cost_usd"] == Decimal("6.0780")
    assert done["video_url"] == "https://cdn.example/final.mp4"


def test_a_failed_job_fails_the_project(db, project):
    owner, row = project
    set_project_status(db, row, "planning")
    set_project_status(db, row, "generating_images")
    with db.as_service_role() as cur:
        ok = add_job(cur, row, "image_generation", cost=Decimal("0.039"))
        bad = add_job(cur, row, "image_generation", cost=Decimal("0.039"))
        finish(cur, ok)
        finish(cur, bad, status="failed", error="safety filter")
    failed = project_row(db, row)
    assert failed["status"] == "failed" and failed["completed_at"] is None
    assert failed["error_message"] == "safety filter"
    assert failed["cost_usd"] == Decimal("0.0780")


def test_users_read_their_jobs_but_cannot_write_them(db, project):
    owner, row = project
    with db.as_service_role() as cur:
        job = add_job(cur, row, "image_generation")
    with db.as_user(owner) as cur:
        assert cur.execute("select count(*) as n from public.ai_video_jobs").fetchone()["n"] == 1
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(owner) as cur:
            cur.execute("update public.ai_video_jobs set status = 'processing' where id = %s", (job["id"],))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with db.as_user(owner) as cur:
            add_job(cur, row, "video_generation")


def test_duration_and_platform_are_checked(db):
    owner = db.new_user()
    for columns in ({"platform": "TikTok", "duration_s": 121}, {"platform": "TikTok", "duration_s": 0},
                    {"platform": "Vine", "duration_s": 10}):
        with pytest.raises(psycopg.errors.CheckViolation):
            with db.conn.transaction():
                db.insert("ai_video_projects", user_id=owner, goal="x", **columns)


def test_a_job_cannot_hang_under_another_users_project(db, project):
    owner, row = project
    other = db.new_user()
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.conn.transaction():
            db.insert("ai_video_jobs", project_id=row["id"], user_id=other, job_type="image_generation")
