"""What the catalog model does not describe is reported by kind and name, on the side that has it,
never silently ignored."""

from __future__ import annotations

from schema_tool import diff
from tests.diff.sides import build, read

EXOTIC = """
create table public.events (id bigint primary key, body text);
create publication events_feed for table public.events;
alter table public.events replica identity full;
create aggregate public.concat_all(text) (sfunc = textcat, stype = text);
create function public.events_id(public.events) returns bigint language sql immutable as $$ select $1.id $$;
create cast (public.events as bigint) with function public.events_id(public.events);
create text search dictionary public.simple_english (template = pg_catalog.simple);
create operator class public.text_reverse_ops for type text using btree as
    operator 1 pg_catalog.> , operator 2 pg_catalog.>= , operator 3 pg_catalog.= ,
    operator 4 pg_catalog.<= , operator 5 pg_catalog.< , function 1 pg_catalog.bttextcmp(text, text);
create foreign data wrapper quiet_wrapper;
create server quiet_server foreign data wrapper quiet_wrapper;
create statistics public.events_stats on id, body from public.events;
"""
PLAIN = """
create table public.events (id bigint primary key, body text);
create function public.events_id(public.events) returns bigint language sql immutable as $$ select $1.id $$;
"""


def test_objects_outside_the_model_are_reported_on_the_side_that_has_them(server, bootstrapped):
    report = diff.compare(read(build(server, bootstrapped, EXOTIC)), read(build(server, bootstrapped, PLAIN)))

    found = {(c.kind, c.name, c.detail) for c in report.unmodelled}
    side = "in the first database; not modelled by schema_tool diff"
    assert found == {
        ("aggregate", "public.concat_all(text)", side),
        ("cast", "public.events as bigint", side),
        ("foreign server", "quiet_server", side),
        ("operator class", "public.text_reverse_ops using btree", side),
        ("publication membership", "public.events in publication events_feed", side),
        ("replica identity", "public.events: full", side),
        ("statistics object", "public.events_stats", side),
        ("text search dictionary", "public.simple_english", side),
    }
    assert report.modelled == []
