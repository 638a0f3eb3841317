from schema_tool.cli import app

app(prog_name="schema_tool")
