"""Row factories for 0005_communication: email_templates, email_campaigns,
email_contacts, email_automation_rules, chat_sessions, chat_messages,
conversations.

Children are made with their optional same-tenant parents linked, so the
isolation matrix also proves the composite foreign keys refuse B's copy.
"""

from psycopg.types.json import Jsonb

from tests.factories import factory


@factory("email_templates")
def email_templates(db, owner):
    return db.insert(
        "email_templates",
        user_id=owner,
        name=db.unique("email-template"),
        subject="Hello {{first_name}}",
        body_html="<p>Hello {{first_name}}</p>",
    )


@factory("email_campaigns")
def email_campaigns(db, owner):
    template = db.make("email_templates", owner)
    return db.insert(
        "email_campaigns",
        user_id=owner,
        template_id=template["id"],
        name=db.unique("newsletter"),
        subject="Our spring news",
    )


@factory("email_contacts")
def email_contacts(db, owner):
    lead = db.make("leads", owner)
    return db.insert(
        "email_contacts",
        user_id=owner,
        lead_id=lead["id"],
        email=f"{db.unique('contact')}@example.test",
    )


@factory("email_automation_rules")
def email_automation_rules(db, owner):
    template = db.make("email_templates", owner)
    return db.insert(
        "email_automation_rules",
        user_id=owner,
        template_id=template["id"],
        name=db.unique("welcome-rule"),
        trigger_event="contact_subscribed",
        actions=Jsonb([{"type": "send_email", "template_id": str(template["id"])}]),
    )


@factory("chat_sessions")
def chat_sessions(db, owner):
    campaign = db.make("campaigns", owner)
    return db.insert("chat_sessions", user_id=owner, campaign_id=campaign["id"], title=db.unique("chat"))


@factory("chat_messages")
def chat_messages(db, owner):
    session = db.make("chat_sessions", owner)
    return db.insert("chat_messages", session_id=session["id"], user_id=owner, role="user",
                     content="Draft three subject lines", prompt_tokens=12)


@factory("conversations")
def conversations(db, owner):
    return db.insert("conversations", user_id=owner, title=db.unique("conversation"),
                     summary="Planning the spring launch")
