"""Reading and writing files: text, YAML with line numbers, atomic writes, tables."""
