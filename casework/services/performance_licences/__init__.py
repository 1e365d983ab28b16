"""Child performance licences (RULES.md §5 and §6): the producer's application, the parent's
part online, the two-officer decision and the licence (``declaration``), and the two rule
checks it is built on, also published on their own: the schedule validator (``schedule``)
and "does this performance need a licence at all?" (``exemptions``). Their limits are
versioned rule data (``rules``); ``checks`` declares them for ``casework.services.RULE_CHECKS``.
"""
