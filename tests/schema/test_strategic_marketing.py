"""Strategic marketing: JSONB shapes are enforced (ties to campaigns: test_tenant_ties.py)."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.factories.strategic_marketing import STAGES


def update(db, user, table, row, column, value):
    with db.as_user(user) as cur:
        cur.execute(f"update public.{table} set {column} = %s where id = %s", (value, row["id"]))


def with_stage(stage, **changes):
    return Jsonb({**STAGES, stage: {**STAGES[stage], **changes}})


@pytest.mark.parametrize("structure", [
    with_stage("conversion", offers={"demo": True}),
    with_stage("retention", automation_tasks="send survey"),
    with_stage("awareness", offers=None),
], ids=["offers_object", "tasks_string", "offers_null"])
def test_stage_offers_and_automation_tasks_must_be_lists(db, structure):
    user = db.new_user()
    funnel = db.make("funnel_designs", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="funnel_designs_funnel_stage_lists_check"):
        update(db, user, "funnel_designs", funnel, "funnel_structure", structure)


def test_a_funnel_with_four_stages_and_lists_is_accepted(db):
    user = db.new_user()
    funnel = db.make("funnel_designs", user)
    update(db, user, "funnel_designs", funnel, "funnel_structure",
           with_stage("conversion", offers=[{"name": "free trial"}], automation_tasks=["send reminder"]))


@pytest.mark.parametrize("gaps", [
    {"messaging": [], "channels": [], "audience": []},
    ["messaging", "channels", "audience", "content"],
], ids=["content_missing", "array"])
def test_a_gap_analysis_covers_messaging_channels_audience_and_content(db, gaps):
    user = db.new_user()
    analysis = db.make("competitive_gap_analyses", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="competitive_gap_analyses_gap_analysis_check"):
        update(db, user, "competitive_gap_analyses", analysis, "gap_analysis", Jsonb(gaps))


@pytest.mark.parametrize("competitors", [[], ["Globex", None]], ids=["none", "null_name"])
def test_a_gap_analysis_names_its_competitors(db, competitors):
    user = db.new_user()
    analysis = db.make("competitive_gap_analyses", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="competitive_gap_analyses_competitors_check"):
        update(db, user, "competitive_gap_analyses", analysis, "competitors", competitors)


@pytest.mark.parametrize("three_cs", [
    {"company": {}, "customer": {}, "competitors": {}},
    [{"company": {}}, {"customer": {}}, {"competition": {}}],
], ids=["misnamed_key", "array"])
def test_three_cs_analysis_is_an_object_with_the_three_cs(db, three_cs):
    user = db.new_user()
    analysis = db.make("brand_positioning_analyses", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="brand_positioning_analyses_three_cs_check"):
        update(db, user, "brand_positioning_analyses", analysis, "three_cs_analysis", Jsonb(three_cs))


@pytest.mark.parametrize("framework", [{"kpis": {"cpl": 20}}, [{"name": "cpl"}]], ids=["kpis_object", "array"])
def test_kpi_definitions_are_a_list_in_an_object(db, framework):
    user = db.new_user()
    row = db.make("performance_tracking_frameworks", user)
    with pytest.raises(psycopg.errors.CheckViolation, match="performance_tracking_frameworks_tracking_framework_is_object"):
        update(db, user, "performance_tracking_frameworks", row, "tracking_framework", Jsonb(framework))
