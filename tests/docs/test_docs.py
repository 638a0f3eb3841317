"""`schema_tool docs`: complete against the catalog, deterministic, valid Mermaid, and checkable."""

from __future__ import annotations

import re
import shutil

import psycopg
import pytest

from schema_tool import catalog, docs, project
from tests.toy import ROOT, cli

ENTITY = re.compile(r"^\s{4}[A-Za-z_][\w-]* \{$")
ATTRIBUTE = re.compile(r'^\s{8}[A-Za-z_][\w]* [A-Za-z_][\w]*( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?$')
END = re.compile(r"^\s{4}\}$")
CARD = r"(\|\||\|o|o\||\}o|o\{|\}\|)"
RELATION = re.compile(rf'^\s{{4}}[A-Za-z_][\w-]* {CARD}--{CARD} [A-Za-z_][\w-]* : "[^"]+"$')
NODE = re.compile(r'^\s{4}[a-z_]+\["[^"]+"\]$')
EDGE = re.compile(r"^\s{4}[a-z_]+ --> [a-z_]+$")


@pytest.fixture(scope="module")
def generated(schema_template, server):
    with psycopg.connect(server.url(schema_template)) as conn:
        found = catalog.read_all(conn)
    return found, docs.generate(found, project.load(ROOT))


def mermaid_blocks(text: str) -> list[list[str]]:
    return [block.strip("\n").splitlines() for block in re.findall(r"```mermaid\n(.*?)```", text, re.S)]


def test_every_table_function_view_and_policy_is_documented(generated):
    found, pages = generated
    everything = "\n".join(pages.values())
    for table in found["tables"]:
        assert f"## {table['name']}\n" in everything, table["name"]
    for function in found["functions"]:
        assert f"### {function['name']}({function['arguments']})" in everything, function["name"]
    for view in found["views"]:
        assert f"### {view['name']}\n" in everything, view["name"]
    for policy in found["policies"]:
        assert f"(`{policy['name']}`)" in everything, policy["name"]


def test_each_table_sits_on_the_page_of_the_migration_that_creates_it(generated):
    _, pages = generated
    assert "## campaigns\n" in pages["campaigns.md"]
    assert "## knowledge_chunks\n" in pages["knowledge.md"]
    assert "## support_tickets\n" in pages["support-privacy.md"]


def test_mermaid_blocks_are_well_formed(generated):
    _, pages = generated
    blocks = [b for text in pages.values() for b in mermaid_blocks(text)]
    assert len(blocks) >= 13
    for block in blocks:
        head, body = block[0], block[1:]
        if head == "erDiagram":
            depth = 0
            for line in body:
                if ENTITY.match(line):
                    assert depth == 0, line
                    depth = 1
                elif END.match(line):
                    assert depth == 1, line
                    depth = 0
                elif depth:
                    assert ATTRIBUTE.match(line), line
                else:
                    assert RELATION.match(line), line
            assert depth == 0
        else:
            assert head == "flowchart LR"
            assert all(NODE.match(line) or EDGE.match(line) for line in body), body


def test_generation_is_deterministic(generated, schema_template, server):
    _, pages = generated
    with psycopg.connect(server.url(schema_template)) as conn:
        again = docs.generate(catalog.read_all(conn), project.load(ROOT))
    assert again == pages


def test_a_new_table_appears_on_its_domain_page_and_diagram(tmp_path, migrated_url):
    shutil.copytree(ROOT / "sql", tmp_path / "sql")
    migration = tmp_path / "sql" / "migrations" / "0099_newsletter.sql"
    migration.write_text(
        "-- sql/migrations/0099_newsletter.sql\n-- Newsletter: sign-ups for the product newsletter.\n\n"
        "create table public.newsletter_signups (\n    id uuid primary key default gen_random_uuid(),\n"
        "    user_id uuid not null references auth.users (id) on delete cascade,\n"
        "    campaign_id uuid,\n    foreign key (campaign_id, user_id) references public.campaigns (id, created_by)\n);\n"
        "comment on table public.newsletter_signups is 'Who asked for the newsletter.';\n")
    with psycopg.connect(migrated_url, autocommit=True) as conn:
        conn.execute(migration.read_text())
        pages = docs.generate(catalog.read_all(conn), project.load(tmp_path))
    page = pages["newsletter.md"]
    assert "## newsletter_signups\n\nWho asked for the newsletter." in page
    diagram = mermaid_blocks(page)[0]
    assert "    newsletter_signups {" in diagram
    assert '        uuid user_id FK "tenant"' in diagram
    assert '    campaigns |o--o{ newsletter_signups : "campaign_id"' in diagram
    assert "[Newsletter](newsletter.md)" in pages["index.md"]


def test_check_fails_on_a_stale_page_and_passes_after_regeneration(tmp_path, migrated_url):
    out = tmp_path / "schema-docs"
    args = ("--project", str(ROOT), "--database-url", migrated_url, "--out", str(out))
    assert cli("docs", *args).code == 0
    assert cli("docs", "--check", *args).code == 0
    (out / "leads.md").write_text((out / "leads.md").read_text() + "\nhand edit\n")
    (out / "orphan.md").write_text("left over\n")
    stale = cli("docs", "--check", *args)
    assert stale.code == 1
    assert "leads.md" in stale.out and "orphan.md" in stale.out
    assert cli("docs", *args).code == 0
    assert cli("docs", "--check", *args).code == 0
    assert not (out / "orphan.md").exists()


def test_committed_docs_are_current(generated):
    _, pages = generated
    stale = docs.stale(pages, ROOT / "docs" / "schema")
    assert not stale, f"run `schema_tool docs` and commit: {stale}"


def section(pages: dict[str, str], table: str) -> str:
    """The part of its domain page about one table."""
    text = next(text for text in pages.values() if f"## {table}\n" in text)
    return text.split(f"## {table}\n", 1)[1].split("\n## ", 1)[0]


def test_a_tables_section_names_the_migrations_that_made_it_and_its_triggers_and_policies_files(generated):
    _, pages = generated
    leads = section(pages, "leads")
    assert "- Created by `sql/migrations/0003_leads.sql`.\n" in leads
    changed = re.search(r"- Changed by (.*)\.\n", leads)[1]
    assert "`sql/migrations/0020_search_and_listing_indexes.sql`" in changed  # an index on leads
    assert "0003_leads" not in changed and "0016_concurrent_indexes" not in changed  # 0016 indexes other tables
    assert "- Triggers: `sql/triggers/leads.sql`.\n" in leads
    assert "- Policies and grants: `sql/policies/leads.sql`.\n" in leads
    assert "- Triggers: none.\n" in section(pages, "secret_audit_logs")


def test_every_tables_files_are_named_on_its_section(generated):
    found, pages = generated
    for table in (t["name"] for t in found["tables"]):
        text = section(pages, table)
        assert "- Created by `sql/migrations/" in text, table
        assert f"- Policies and grants: `sql/policies/{table}.sql`." in text, table
        if (ROOT / "sql" / "triggers" / f"{table}.sql").is_file():
            assert f"- Triggers: `sql/triggers/{table}.sql`." in text, table
