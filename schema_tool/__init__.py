"""schema_tool: apply, check and document the marketing platform's PostgreSQL schema."""

__version__ = "0.1.0"
