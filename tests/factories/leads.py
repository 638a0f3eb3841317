"""Row factories for 0003_leads."""

from tests.factories import factory


@factory("leads")
def leads(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("leads", created_by=owner, campaign_id=campaign["id"], email=f"{db.unique('lead')}@example.test",
                     first_name="Ada", last_name="Lovelace", company="Analytical Engines", source="website")


@factory("lead_activities", update_own=False)
def lead_activities(db, owner):
    lead = db.make("leads", owner)
    return db.insert("lead_activities", lead_id=lead["id"], user_id=owner, activity_type="page_visit",
                     activity_data={"page": "/pricing"})


@factory("lead_scoring_rules")
def lead_scoring_rules(db, owner):
    return db.insert("lead_scoring_rules", user_id=owner, rule_name=db.unique("pricing visit"),
                     activity_type="page_visit", conditions={"page": "/pricing"}, points=15)


@factory("autopilot_lead_inbox", insert_own=False)
def autopilot_lead_inbox(db, owner):
    lead = db.make("leads", owner)
    # with an active autopilot the leads trigger has already filed the lead
    existing = db.execute("select * from public.autopilot_lead_inbox where lead_id = %s", (lead["id"],)).fetchone()
    return existing or db.insert("autopilot_lead_inbox", user_id=owner, lead_id=lead["id"], lead_name="Ada Lovelace",
                     lead_status=lead["status"], score=lead["score"])
