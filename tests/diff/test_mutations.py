"""A randomised, seeded mutation test of the diff on the real schema.

Each example takes the real schema, applies 1-5 random changes that
PostgreSQL accepts (tests/diff/mutations.py: columns, types, defaults,
nullability, indexes, checks, foreign keys, policies, functions, triggers,
views over views and columns retyped under views, table and column grants,
comments, RLS switches, enums, domains, inheritance, partitions, renames),
then diffs in both directions: the script, applied in one transaction,
must leave a second diff empty and the database's independent fingerprint
(tests/diff/fingerprint.py) equal to the other side's.

`make test` runs a few examples with a fixed seed; `make fuzz` many, with a
new seed each run (DIFF_FUZZ_EXAMPLES, DIFF_FUZZ_SEED, DIFF_FUZZ_SHARDS). A failing example is
shrunk by Hypothesis and printed as the SQL that turns the real schema into
the failing side: a.sql is the real schema, b.sql adds that SQL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import psycopg
import pytest
from hypothesis import HealthCheck, assume, given, note, seed, settings
from hypothesis import strategies as st

from schema_tool import diff
from schema_tool.catalog import Catalog
from tests.diff.fingerprint import differences, fingerprint
from tests.diff.mutations import Mutation, Targets, mutations
from tests.diff.sides import read

SEED = int(os.environ.get("DIFF_FUZZ_SEED") or 14)
EXAMPLES = int(os.environ.get("DIFF_FUZZ_EXAMPLES") or 5)
# `make fuzz` splits the examples into shards (seeds SEED, SEED + 1...) that pytest-xdist runs side by side
SHARDS = int(os.environ.get("DIFF_FUZZ_SHARDS") or 1)


@dataclass
class RealSchema:
    """The real schema's catalog, fingerprint and mutation targets."""

    found: Catalog
    prints: dict
    targets: Targets

    def __repr__(self) -> str:  # Hypothesis prints the arguments of a failing example
        return "RealSchema(...)"


@pytest.fixture(scope="module")
def real_schema(server, schema_template) -> RealSchema:
    """Read from one clone of the template (a template may not be connected to while it is cloned)."""
    name = server.create_database("reference", template=schema_template)
    url = server.url(name)
    found = read(url)
    prints = fingerprint(url)
    server.drop_database(name)
    return RealSchema(found, prints, Targets.of(found))


def apply_mutations(url: str, drawn: list[Mutation]) -> list[Mutation]:
    """The mutations the server accepts, each in its own transaction, in order."""
    applied = []
    with psycopg.connect(url, autocommit=True) as conn:
        for mutation in drawn:
            try:
                with conn.transaction():
                    for statement in mutation.statements:
                        conn.execute(statement)
            except psycopg.Error:
                continue
            applied.append(mutation)
    return applied


def converge(url: str, source, target, target_prints, direction: str) -> None:
    """diff(source, target) applied to the database at url (which holds source) in one transaction:
    a second diff is empty and the fingerprint is the target's."""
    statements, _ = diff.compare(source, target).sql(allow_destructive=True)
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        for statement in statements:
            try:
                conn.execute(statement)
            except psycopg.Error as failure:
                raise AssertionError(f"{direction}: the script fails: {failure}\nin: {statement}\nof:\n"
                                     + ";\n".join(statements)) from None
    again = [(c.kind, c.action, c.name, c.detail) for c in diff.compare(read(url), target).modelled]
    assert again == [], f"{direction}: a second diff is not empty: {again}\nafter:\n" + ";\n".join(statements)
    unlike = differences(fingerprint(url), target_prints)
    assert not unlike, f"{direction}: the fingerprints differ:\n" + "\n".join(unlike) + "\nafter:\n" + ";\n".join(
        statements)


def converges_both_ways(data, server, schema_template: str, real_schema: RealSchema, shard_seed: int) -> None:
    found, prints, targets = real_schema.found, real_schema.prints, real_schema.targets
    drawn = data.draw(st.lists(mutations(targets), min_size=1, max_size=5), label="mutations")
    first = server.create_database("fuzz_a", template=schema_template)
    second = server.create_database("fuzz_b", template=schema_template)
    try:
        a_url, b_url = server.url(first), server.url(second)
        applied = apply_mutations(b_url, drawn)
        assume(applied)
        sql = "".join(repr(m) for m in applied)
        note(f"seed {shard_seed}; b.sql is the real schema plus:\n{sql}")
        changed, changed_prints = read(b_url), fingerprint(b_url)
        try:
            converge(a_url, found, changed, changed_prints, "real schema -> changed")
            converge(b_url, changed, found, prints, "changed -> real schema")
        except AssertionError as failure:
            raise AssertionError(f"{failure}\n\nDIFF_FUZZ_SEED={shard_seed}; as a corpus pair, a.sql: the real schema; "
                                 f"b.sql: the real schema plus\n{sql}") from None
    finally:
        server.drop_database(first)
        server.drop_database(second)


def _shard(number: int):
    shard_seed = SEED + number

    @settings(max_examples=max(1, EXAMPLES // SHARDS), deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck))
    @seed(shard_seed)
    @given(data=st.data())
    def test(data, server, schema_template, real_schema):
        converges_both_ways(data, server, schema_template, real_schema, shard_seed)

    test.__doc__ = f"Random changes to the real schema converge both ways (seed {shard_seed})."
    return test


test_random_changes_to_the_real_schema_converge_both_ways = _shard(0)
for _number in range(1, SHARDS):
    globals()[f"test_random_changes_to_the_real_schema_converge_both_ways_{_number}"] = _shard(_number)
