"""Row factories for 0009_ai_automation: marketing_autopilot_config,
autopilot_weekly_reports, autopilot_activity_log, campaign_copilot_sessions,
ai_interaction_feedback, agent_learning_data, ai_video_projects,
ai_video_jobs, ai_model_configs, ai_model_update_logs, user_analytics_events.

Children are made with their optional same-tenant parents linked (a copilot
session and a video project under a campaign, feedback under a session, a
job under a project), so the isolation matrix also proves the composite
foreign keys refuse B's copy.
"""

import datetime

from tests.factories import factory


def last_monday() -> datetime.date:
    today = datetime.date.today()
    return today - datetime.timedelta(days=today.isoweekday() - 1 + 7)


@factory("marketing_autopilot_config")
def marketing_autopilot_config(db, owner):
    return db.insert("marketing_autopilot_config", user_id=owner,
                     business_description="Organic dog treats sold online", target_audience="Dog owners",
                     monthly_budget=1000)


@factory("autopilot_weekly_reports", access="read_own")
def autopilot_weekly_reports(db, owner):
    return db.insert("autopilot_weekly_reports", user_id=owner, week_start_date=last_monday(),
                     total_leads_generated=3, total_spend=100, total_revenue=250, roi=1.5,
                     top_performing_channel="email")


@factory("autopilot_activity_log", access="read_own")
def autopilot_activity_log(db, owner):
    return db.insert("autopilot_activity_log", user_id=owner, activity_type="campaign_created",
                     activity_description="Created a campaign")


@factory("campaign_copilot_sessions")
def campaign_copilot_sessions(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("campaign_copilot_sessions", user_id=owner, campaign_id=campaign["id"],
                     title="Spring launch")


@factory("ai_interaction_feedback")
def ai_interaction_feedback(db, owner):
    session = db.make("campaign_copilot_sessions", owner)
    return db.insert("ai_interaction_feedback", user_id=owner, copilot_session_id=session["id"],
                     feature="campaign_copilot", suggestion_type="headline", rating=4,
                     ai_suggestion={"headline": "Treats dogs love"})


@factory("agent_learning_data", insert_own=False, update_own=False)
def agent_learning_data(db, owner):
    return db.insert("agent_learning_data", user_id=owner, agent_type="content_writer",
                     pattern_type="preference", pattern_key=db.unique("tone"),
                     pattern_data={"tone": "playful"}, confidence_score=0.8)


@factory("ai_video_projects")
def ai_video_projects(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("ai_video_projects", user_id=owner, campaign_id=campaign["id"],
                     goal="Announce the spring treats", platform="Reels", duration_s=30)


@factory("ai_video_jobs", access="read_own")
def ai_video_jobs(db, owner):
    project = db.make("ai_video_projects", owner)
    return db.insert("ai_video_jobs", project_id=project["id"], user_id=owner,
                     job_type="image_generation", scene_index=0, prompt="A happy dog")


@factory("ai_model_configs", access="global")
def ai_model_configs(db, owner):
    return db.insert("ai_model_configs", provider="openai", model_name=db.unique("gpt-test"),
                     model_type="fast")


@factory("ai_model_update_logs", access="global")
def ai_model_update_logs(db, owner):
    return db.insert("ai_model_update_logs", models_discovered=17, providers_checked=["openai"],
                     execution_time_ms=12)


@factory("user_analytics_events", update_own=False, delete_own=False)
def user_analytics_events(db, owner):
    return db.insert("user_analytics_events", user_id=owner, event_type="field_error",
                     page="/campaigns/new", form_id="campaign-form", field="budget", duration_ms=1200)
