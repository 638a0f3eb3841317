"""0002_campaigns: every row hanging under a campaign carries the campaign's
tenant. The composite foreign keys refuse a child of user B under user A's
campaign, whether B tries it through the API (row level security lets B's own
row through, the key does not) or the superuser does (keys bypass nothing)."""

from __future__ import annotations

import datetime

import psycopg
import pytest
from psycopg import sql

# child table -> (tenant column, the other columns a minimal row needs)
CHILDREN = {
    "campaign_tasks": ("created_by", {"title": "Sneak in"}),
    "campaign_metrics": ("created_by", {"metric_date": datetime.date(2026, 1, 1), "clicks": 1}),
    "campaign_performance_metrics": ("created_by", {"metric_name": "ctr", "metric_value": 0.1}),
    "campaign_performance_monitor": ("created_by", {"health_status": "healthy"}),
    "campaign_predictions": ("created_by", {"prediction_type": "roi"}),
    "generated_content_pieces": ("user_id", {"content_type": "email", "body": "Hello"}),
    "workflow_executions": ("user_id", {"workflow_type": "reporting"}),
    "leads": ("created_by", {"email": "stray@example.test"}),
}
# rows users create themselves through the API (the monitor is written by the autopilot only)
USER_INSERTABLE = sorted(set(CHILDREN) - {"campaign_performance_monitor"})
# children that survive their campaign, unlinked
OPTIONAL_PARENT = ["generated_content_pieces", "leads", "workflow_executions"]


def insert_statement(table: str, columns: dict) -> sql.Composed:
    return sql.SQL("insert into public.{} ({}) values ({})").format(
        sql.Identifier(table),
        sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.SQL(", ").join(sql.Placeholder() * len(columns)),
    )


def child_of(table: str, tenant: object, campaign_id: object) -> dict:
    tenant_column, columns = CHILDREN[table]
    return {tenant_column: tenant, "campaign_id": campaign_id, **columns}


@pytest.mark.parametrize("table", USER_INSERTABLE)
def test_user_cannot_hang_a_row_under_another_users_campaign(db, table):
    a, b = db.new_user(), db.new_user()
    campaign = db.make("campaigns", a)
    row = child_of(table, b, campaign["id"])
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match=f"{table}_campaign_fkey"):
        with db.as_user(b) as cur:
            cur.execute(insert_statement(table, row), list(row.values()))
    # positive control: the same row under B's own campaign is accepted
    own = db.make("campaigns", b)
    row["campaign_id"] = own["id"]
    with db.as_user(b) as cur:
        cur.execute(insert_statement(table, row), list(row.values()))
        assert cur.rowcount == 1


@pytest.mark.parametrize("table", sorted(CHILDREN))
def test_even_the_superuser_cannot_mismatch_child_and_campaign_tenants(db, table):
    a, b = db.new_user(), db.new_user()
    campaign = db.make("campaigns", a)
    row = child_of(table, b, campaign["id"])
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match=f"{table}_campaign_fkey"):
        with db.conn.transaction():
            db.execute(insert_statement(table, row), list(row.values()))


@pytest.mark.parametrize("table", USER_INSERTABLE)
def test_user_cannot_move_own_row_under_another_users_campaign(db, table):
    a, b = db.new_user(), db.new_user()
    theirs = db.make("campaigns", a)
    mine = db.make(table, b)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match=f"{table}_campaign_fkey"):
        with db.as_user(b) as cur:
            cur.execute(sql.SQL("update public.{} set campaign_id = %s where id = %s").format(sql.Identifier(table)),
                        (theirs["id"], mine["id"]))


@pytest.mark.parametrize("table", OPTIONAL_PARENT)
def test_deleting_the_campaign_unlinks_the_row_and_keeps_its_owner(db, table):
    user = db.new_user()
    row = db.make(table, user)
    tenant_column = CHILDREN[table][0]
    db.execute("delete from public.campaigns where id = %s", (row["campaign_id"],))
    kept = db.execute(sql.SQL("select campaign_id, {} as owner from public.{} where id = %s").format(
        sql.Identifier(tenant_column), sql.Identifier(table)), (row["id"],)).fetchone()
    assert kept == {"campaign_id": None, "owner": user}


@pytest.mark.parametrize("table", sorted(set(CHILDREN) - set(OPTIONAL_PARENT)))
def test_deleting_the_campaign_deletes_its_dependent_rows(db, table):
    user = db.new_user()
    row = db.make(table, user)
    db.execute("delete from public.campaigns where id = %s", (row["campaign_id"],))
    left = db.execute(sql.SQL("select count(*) as n from public.{} where id = %s").format(sql.Identifier(table)),
                      (row["id"],)).fetchone()
    assert left["n"] == 0


def test_campaign_names_are_unique_per_user_only(db):
    a, b = db.new_user(), db.new_user()
    db.insert("campaigns", created_by=a, name="Spring launch")
    db.insert("campaigns", created_by=b, name="Spring launch")
    with pytest.raises(psycopg.errors.UniqueViolation, match="campaigns_created_by_name_key"):
        with db.conn.transaction():
            db.insert("campaigns", created_by=a, name="Spring launch")


def test_campaign_cannot_end_before_it_starts(db):
    user = db.new_user()
    db.insert("campaigns", created_by=user, name="One day", start_date=datetime.date(2026, 3, 1),
              end_date=datetime.date(2026, 3, 1))
    with pytest.raises(psycopg.errors.CheckViolation, match="campaigns_dates_check"):
        with db.conn.transaction():
            db.insert("campaigns", created_by=user, name="Backwards", start_date=datetime.date(2026, 3, 2),
                      end_date=datetime.date(2026, 3, 1))


def test_one_metrics_row_per_campaign_and_day(db):
    user = db.new_user()
    row = db.make("campaign_metrics", user)
    with pytest.raises(psycopg.errors.UniqueViolation, match="campaign_metrics_campaign_id_metric_date_key"):
        with db.conn.transaction():
            db.insert("campaign_metrics", campaign_id=row["campaign_id"], created_by=user,
                      metric_date=row["metric_date"])
