"""Chaperone approval: an adult applies, two referees answer online, officers check the DBS
certificate and interview, an authorised officer approves, and the register confirms it."""

SLUG = "chaperones"
