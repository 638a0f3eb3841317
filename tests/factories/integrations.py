"""Row factories for 0008_integrations."""

import secrets

from tests.factories import factory


@factory("webhooks")
def webhooks(db, owner):
    return db.insert("webhooks", user_id=owner, name=db.unique("crm hook"), url="https://hooks.example.test/in",
                     events=["lead.created"], secret_encrypted=b"\x07" * 24)


@factory("integration_connections")
def integration_connections(db, owner):
    existing = db.execute("select * from public.integration_connections where user_id = %s and provider = 'hubspot'",
                          (owner,)).fetchone()
    return existing or db.insert("integration_connections", user_id=owner, provider="hubspot", status="connected",
                     config={"portal_id": "123"}, credentials_encrypted=b"\x08" * 24)


@factory("oauth_connections", insert_own=False)
def oauth_connections(db, owner):
    existing = db.execute("select * from public.oauth_connections where user_id = %s and platform_name = 'linkedin'",
                          (owner,)).fetchone()
    return existing or db.insert("oauth_connections", user_id=owner, platform_name="linkedin", platform_user_id="li-42",
                     access_token_encrypted=b"\x09" * 32, token_iv=b"\x0a" * 12, scopes=["w_member_social"])


@factory("oauth_states", update_own=False)
def oauth_states(db, owner):
    return db.insert("oauth_states", user_id=owner, platform_name="linkedin", state=secrets.token_urlsafe(32),
                     redirect_uri="https://app.example.test/oauth/callback", code_verifier="v" * 43)


@factory("social_platform_connections")
def social_platform_connections(db, owner):
    grant = db.make("oauth_connections", owner)
    return db.insert("social_platform_connections", user_id=owner, oauth_connection_id=grant["id"],
                     platform="linkedin", account_id=db.unique("page"), account_handle="@acme", follower_count=1200)
