"""Row factories for 0002_campaigns. Children hang under a campaign of the
same owner, so the isolation matrix also proves the composite foreign keys."""

import datetime

from psycopg.types.json import Jsonb

from tests.factories import factory


@factory("campaigns")
def campaigns(db, owner):
    return db.insert("campaigns", created_by=owner, name=db.unique("campaign"), channel="email",
                     budget=1000, status="active", kpi_targets={"leads": 50})


@factory("campaign_tasks")
def campaign_tasks(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("campaign_tasks", campaign_id=campaign["id"], created_by=owner, title="Draft brief",
                     due_date=datetime.date(2026, 12, 1))


@factory("campaign_metrics")
def campaign_metrics(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("campaign_metrics", campaign_id=campaign["id"], created_by=owner,
                     metric_date=datetime.date(2026, 11, 20), impressions=1000, clicks=50, conversions=5,
                     leads_generated=4, spend=120, revenue=400)


@factory("campaign_performance_metrics")
def campaign_performance_metrics(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("campaign_performance_metrics", campaign_id=campaign["id"], created_by=owner,
                     channel="email", metric_name="open_rate", metric_value=0.42, dimensions={"list": "main"})


@factory("campaign_performance_monitor", insert_own=False, delete_own=False)
def campaign_performance_monitor(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("campaign_performance_monitor", campaign_id=campaign["id"], created_by=owner,
                     health_status="healthy", auto_actions_taken=Jsonb([{"action": "budget_adjusted"}]))


@factory("campaign_predictions")
def campaign_predictions(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("campaign_predictions", campaign_id=campaign["id"], created_by=owner,
                     prediction_type="conversions", predicted_values={"conversions": 40}, confidence=0.8,
                     model_used="gpt-5")


@factory("generated_content_pieces")
def generated_content_pieces(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("generated_content_pieces", user_id=owner, campaign_id=campaign["id"],
                     content_type="social_post", platform="linkedin", body="Spring launch: 20% off.",
                     ai_model="gpt-5")


@factory("workflow_executions")
def workflow_executions(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("workflow_executions", user_id=owner, campaign_id=campaign["id"],
                     workflow_type="campaign_launch", steps=Jsonb([{"name": "validate", "status": "done"}]))
