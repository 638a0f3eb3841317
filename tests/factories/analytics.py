"""Row factories for 0010_analytics."""

import datetime
import uuid

from tests.factories import factory


@factory("performance_analytics")
def performance_analytics(db, owner):
    return db.insert("performance_analytics", user_id=owner, entity_type="campaign", entity_id=uuid.uuid4(),
                     period_start=datetime.date(2026, 11, 1), period_end=datetime.date(2026, 11, 30),
                     granularity="month", metrics={"leads": 40})


@factory("analytics_reports")
def analytics_reports(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("analytics_reports", user_id=owner, campaign_id=campaign["id"], report_type="roi",
                     title="November ROI", period_start=datetime.date(2026, 11, 1),
                     period_end=datetime.date(2026, 11, 30))


@factory("real_time_metrics")
def real_time_metrics(db, owner):
    return db.insert("real_time_metrics", user_id=owner, entity_type="landing_page", entity_id=uuid.uuid4(),
                     metric_name="visitors_now", metric_value=17)


@factory("ai_insights")
def ai_insights(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("ai_insights", user_id=owner, campaign_id=campaign["id"], insight_type="opportunity",
                     title="Retarget pricing visitors", description="40% of visitors saw /pricing.", confidence=0.7)


@factory("keyword_research")
def keyword_research(db, owner):
    return db.insert("keyword_research", user_id=owner, keyword=db.unique("crm for startups"), search_volume=880,
                     difficulty=42, cpc=3.1, intent="commercial")
