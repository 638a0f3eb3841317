"""`schema_tool diff`: compare two catalogs and generate the SQL that turns the first into the second.

- catalog model: schema_tool.catalog (one typed row class and one query per object kind)
- compare.py: per object kind, what is missing, extra or changed, with the steps that reconcile it
- order.py: the steps ordered by the catalogs' dependency graphs (pg_depend), then by phase
- sides.py: reading a live database and the files' schema (built in a scratch database)
- write.py: `--write NAME`, the developer workflow
"""

from schema_tool.diff.compare import compare
from schema_tool.diff.model import PREAMBLE, Change, DiffReport, Step
from schema_tool.diff.sides import DiffRun, cron_jobs_of_files, read_side, run
from schema_tool.diff.write import policies_file, write

__all__ = ["PREAMBLE", "Change", "DiffReport", "DiffRun", "Step", "compare", "cron_jobs_of_files", "policies_file",
           "read_side", "run", "write"]
