"""What `diff --write` writes must upgrade a database built from the old files (production) as well as
build a new one: views, functions, triggers and policies in the way of a migration are dropped first
(their files, re-applied after the migrations, recreate them), and drops of repeatable objects say
"if exists", since on a new database those objects come only after the migrations."""

from __future__ import annotations

from tests.diff.sides import deployed, files_reproduce
from tests.toy import cli, execute

NOTES = ("-- sql/migrations/0001_notes.sql\n-- Notes: what users write down.\n\n"
         "create table public.notes (\n    id bigint generated always as identity primary key,\n"
         "    user_id uuid not null references auth.users (id) on delete cascade,\n"
         "    title varchar(50) not null,\n    stamped_at timestamptz\n);\n\n"
         "create index notes_user_id_idx on public.notes (user_id);\n\n"
         "alter table public.notes enable row level security;\n")
POLICIES = ("-- sql/policies/notes.sql\n\nrevoke all on public.notes from anon, authenticated;\n"
            "grant select on public.notes to authenticated;\n\n"
            "create policy notes_read on public.notes\n    for select\n    to authenticated\n"
            "    using ((select auth.uid()) = user_id and title <> '');\n")
VIEW = ("-- sql/views/note_titles.sql\n\ncreate or replace view public.note_titles\n"
        "with (security_invoker = true) as\nselect id, title, stamped_at\nfrom public.notes;\n")
STAMP = ("-- sql/functions/notes_stamp.sql\n\ncreate or replace function public.notes_stamp()\nreturns trigger\n"
         "language plpgsql\nset search_path = ''\nas $$\nbegin\n    new.stamped_at := now();\n    return new;\n"
         "end\n$$;\n")
TRIGGERS = ("-- sql/triggers/notes.sql\n\ncreate or replace trigger notes_stamp\n"
            "    before insert or update of title on public.notes\n"
            "    for each row execute function public.notes_stamp();\n")
TITLE_COUNT = ("-- sql/functions/title_count.sql\n\ncreate or replace function public.title_count()\n"
               "returns integer\nlanguage sql\nstable\nset search_path = ''\n"
               "as $$ select count(*)::integer from public.notes $$;\n")


FILES = {"migrations/0001_notes.sql": NOTES, "policies/notes.sql": POLICIES, "views/note_titles.sql": VIEW,
         "functions/notes_stamp.sql": STAMP, "functions/title_count.sql": TITLE_COUNT, "triggers/notes.sql": TRIGGERS}


def test_a_column_type_change_under_a_view_a_policy_and_a_trigger_upgrades_production(toy, empty_url, server):
    production = deployed(toy, server, empty_url, FILES)
    execute(empty_url,
            "drop view public.note_titles",
            "drop policy notes_read on public.notes",
            "drop trigger notes_stamp on public.notes",
            "alter table public.notes alter column title type varchar(200)",
            "create view public.note_titles with (security_invoker = true) as "
            "select id, title, stamped_at from public.notes",
            "create policy notes_read on public.notes for select to authenticated "
            "using ((select auth.uid()) = user_id and title <> '')",
            "create trigger notes_stamp before insert or update of title on public.notes "
            "for each row execute function public.notes_stamp()")

    result = cli("diff", "--write", "longer_titles", project=toy, url=empty_url)

    assert result.code == 0, result.err
    written = {line.split(" ", 1)[1] for line in result.out.splitlines() if line.startswith("wrote ")}
    assert written == {"sql/migrations/0002_longer_titles.sql"}, "the repeatable files stay as they are"
    migration = (toy.root / "sql/migrations/0002_longer_titles.sql").read_text()
    assert migration.index("drop view if exists public.note_titles") < migration.index("alter column title type")
    files_reproduce(toy, server, empty_url, production)


def test_removed_functions_views_and_triggers_leave_if_exists_drops(toy, empty_url, server):
    production = deployed(toy, server, empty_url, FILES)
    execute(empty_url, "drop view public.note_titles", "drop trigger notes_stamp on public.notes",
            "drop function public.notes_stamp()", "drop function public.title_count()")

    result = cli("diff", "--write", "drop_extras", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert not (toy.root / "sql/views/note_titles.sql").exists()
    assert not (toy.root / "sql/functions/title_count.sql").exists()
    assert "notes_stamp" not in (toy.root / "sql/triggers/notes.sql").read_text()
    migration = (toy.root / "sql/migrations/0002_drop_extras.sql").read_text()
    assert "drop function if exists public.title_count();" in migration
    files_reproduce(toy, server, empty_url, production)


def test_a_function_whose_result_type_changed_is_dropped_before_its_file_recreates_it(toy, empty_url, server):
    production = deployed(toy, server, empty_url, FILES)
    execute(empty_url, "drop function public.title_count()",
            "create function public.title_count() returns bigint language sql stable set search_path = '' "
            "as $$ select count(*) from public.notes $$")

    result = cli("diff", "--write", "bigger_count", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert "returns bigint" in (toy.root / "sql/functions/title_count.sql").read_text()
    assert "drop function if exists public.title_count();" in (
        toy.root / "sql/migrations/0002_bigger_count.sql").read_text()
    files_reproduce(toy, server, empty_url, production)


def test_a_view_losing_a_column_is_dropped_before_its_file_recreates_it(toy, empty_url, server):
    production = deployed(toy, server, empty_url, FILES)
    execute(empty_url, "drop view public.note_titles",
            "create view public.note_titles with (security_invoker = true) as select id, title from public.notes")

    result = cli("diff", "--write", "slimmer_titles", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert "stamped_at" not in (toy.root / "sql/views/note_titles.sql").read_text()
    files_reproduce(toy, server, empty_url, production)


def test_a_function_a_new_column_default_calls_is_created_by_the_migration_too(toy, empty_url, server):
    production = deployed(toy, server, empty_url, FILES)
    execute(empty_url,
            "create function public.next_note_code() returns text language sql volatile set search_path = '' "
            "as $$ select 'N-' || (select count(*) + 1 from public.notes) $$",
            "alter table public.notes add column code text not null default public.next_note_code()",
            "alter table public.notes add constraint notes_title_counted check (public.title_count() >= 0)")

    result = cli("diff", "--write", "note_codes", project=toy, url=empty_url)

    assert result.code == 0, result.err
    migration = (toy.root / "sql/migrations/0002_note_codes.sql").read_text()
    assert migration.index("function public.next_note_code()") < migration.index("add column code")
    assert migration.index("function public.title_count()") < migration.index("notes_title_counted")
    assert (toy.root / "sql/functions/next_note_code.sql").exists()
    files_reproduce(toy, server, empty_url, production)


def test_a_dropped_table_takes_its_policies_file_and_its_triggers_along(toy, empty_url, server):
    production = deployed(toy, server, empty_url, FILES)
    execute(empty_url, "drop view public.note_titles", "drop table public.notes",
            "drop function public.title_count()")

    result = cli("diff", "--write", "drop_notes", "--allow-destructive", project=toy, url=empty_url)

    assert result.code == 0, result.err
    assert not (toy.root / "sql/policies/notes.sql").exists()
    assert "notes_stamp" not in (toy.root / "sql/triggers/notes.sql").read_text()
    files_reproduce(toy, server, empty_url, production)
