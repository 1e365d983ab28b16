"""Child employment permits (RULES.md §4).

For now the folder publishes the working-hours validator, before the application itself is
online: "are these hours and this job legal for a child of this age?" (``hours``). The
proposal it checks is ``proposal.ProposedHours``; its limits and the published list of
occupations (``occupations``) are versioned rule data (``rules``); ``checks`` declares it
for ``casework.services.RULE_CHECKS``, so the JSON API, the assistant, the application
form and the officer all get the same answer.
"""
