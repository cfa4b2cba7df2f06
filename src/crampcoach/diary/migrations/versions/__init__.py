"""Migration revisions, oldest first: r0001 initial, r0002 saved assessments/plans and indexes,
r0003 athletes (every row scoped to one)."""
