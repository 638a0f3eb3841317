"""public.ai_video_jobs: finished jobs move their project along (images done ->
generating_video, video done -> completed with completed_at and the summed cost,
a failure -> failed), a completed job has its result, and users read their jobs
but do not write them (the lifecycles: test_lifecycles.py)."""

from decimal import Decimal

import psycopg
import pytest


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
