"""Row factories for 0011_strategic_marketing."""

from tests.factories import factory

STAGES = {stage: {"goal": stage, "offers": [], "automation_tasks": []}
          for stage in ("awareness", "engagement", "conversion", "retention")}


@factory("brand_positioning_analyses")
def brand_positioning_analyses(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("brand_positioning_analyses", user_id=owner, campaign_id=campaign["id"], brand_name="Acme",
                     positioning_statement="The CRM that sets itself up.", differentiators=["setup in minutes"],
                     three_cs_analysis={"company": {}, "customer": {}, "competition": {}})


@factory("funnel_designs")
def funnel_designs(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("funnel_designs", user_id=owner, campaign_id=campaign["id"], name=db.unique("funnel"),
                     funnel_structure=STAGES)


@factory("competitive_gap_analyses")
def competitive_gap_analyses(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("competitive_gap_analyses", user_id=owner, campaign_id=campaign["id"], our_brand="Acme",
                     competitors=["Globex"], gap_analysis={"messaging": [], "channels": [], "audience": [], "content": []})


@factory("performance_tracking_frameworks")
def performance_tracking_frameworks(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("performance_tracking_frameworks", user_id=owner, campaign_id=campaign["id"],
                     campaign_name=campaign["name"], channels=["email", "linkedin"],
                     tracking_framework={"kpis": [{"name": "cpl", "target": 20}]})
