"""public.ai_video_projects: the status, the video, its cost and its stamps are the
worker's; duration and platform are checked (its lifecycle: test_lifecycles.py; how jobs move
it along: test_ai_video_jobs.py)."""

from __future__ import annotations

import psycopg
import pytest


@pytest.fixture
def project(db):
    owner = db.new_user()
    row = db.insert("ai_video_projects", user_id=owner, goal="Launch teaser", platform="TikTok", duration_s=15)
    return owner, row


def project_row(db, row):
    return db.execute("select * from public.ai_video_projects where id = %s", (row["id"],)).fetchone()


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


def test_duration_and_platform_are_checked(db):
    owner = db.new_user()
    for columns in ({"platform": "TikTok", "duration_s": 121}, {"platform": "TikTok", "duration_s": 0},
                    {"platform": "Vine", "duration_s": 10}):
        with pytest.raises(psycopg.errors.CheckViolation):
            with db.conn.transaction():
                db.insert("ai_video_projects", user_id=owner, goal="x", **columns)
