"""Body of Persons Approval (BOPA): a group's approval to put on performances with children
without each child needing a licence (CYPA 1963 s.37(3)(b); RULES.md §5)."""
