"""Row factories for 0004_content_assets: content_calendar, digital_assets,
brand_assets, content_templates, proposal_templates.

Children are made with their optional same-tenant parents linked, so the
isolation matrix also proves the composite foreign keys refuse B's copy.
"""

from psycopg.types.json import Jsonb

from tests.factories import factory


@factory("digital_assets")
def digital_assets(db, owner):
    name = db.unique("asset")
    return db.insert(
        "digital_assets",
        user_id=owner,
        file_name=f"{name}.png",
        storage_path=f"{owner}/{name}.png",
        mime_type="image/png",
        asset_type="image",
        size_bytes=20480,
        width_px=1080,
        height_px=1080,
        tags=["hero", "spring"],
    )


@factory("brand_assets")
def brand_assets(db, owner):
    asset = db.make("digital_assets", owner)
    return db.insert(
        "brand_assets",
        user_id=owner,
        digital_asset_id=asset["id"],
        asset_type="logo",
        name=db.unique("logo"),
        value={"variant": "full-colour"},
    )


@factory("content_templates")
def content_templates(db, owner):
    return db.insert(
        "content_templates",
        user_id=owner,
        name=db.unique("template"),
        content_type="post",
        platform="linkedin",
        body="Big news from {{company}}: {{announcement}}",
        variables=Jsonb([{"name": "company"}, {"name": "announcement"}]),
    )


@factory("proposal_templates")
def proposal_templates(db, owner):
    return db.insert(
        "proposal_templates",
        user_id=owner,
        name=db.unique("proposal"),
        sections=Jsonb([{"key": "scope", "title": "Scope", "body": "We will {{deliverable}}."}]),
    )


@factory("content_calendar")
def content_calendar(db, owner):
    template = db.make("content_templates", owner)
    return db.insert(
        "content_calendar",
        created_by=owner,
        template_id=template["id"],
        title=db.unique("post"),
        platform="linkedin",
        content_type="post",
    )
