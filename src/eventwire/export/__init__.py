"""export: write event records as JSON lines, tables, GDELT 2.0 and PLOVER."""
