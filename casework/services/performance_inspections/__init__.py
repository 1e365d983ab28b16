"""Inspections of licensed child performances in the council's area: other councils notify
us through a form, our own granted licences open one (``opening.open_inspection``), and
officers book visits and record what they found against the licence."""
