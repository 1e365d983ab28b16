"""Child performance licences (RULES.md §5 and §6).

For now the folder publishes two rule checks, before the application itself is online: the
schedule validator ("is this schedule legal for a child of this age?", ``schedule``) and
"does this performance need a licence at all?" (``exemptions``). Their limits are versioned
rule data (``rules``); ``checks`` declares them for ``casework.services.RULE_CHECKS``.
"""
