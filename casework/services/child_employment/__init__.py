"""Child employment permits (RULES.md §4).

The employer applies online (``questions``), the parent confirms and consents through a link
(``parent``), an officer prepares the case and an authorised officer grants or refuses it
(``workflow``); a granted permit is a PDF (``permit``), and the parent and the school are
told (``outcomes``, ``messages``). At the centre is the working-hours validator: "are these
hours and this job legal for a child of this age?" (``hours``), whose proposal is
``proposal.ProposedHours`` and whose limits and published list of occupations
(``occupations``) are versioned rule data (``rules``). ``schedules`` runs it on an
application's hours; ``checks`` publishes it for ``casework.services.RULE_CHECKS``, so the
form, the JSON API, the assistant and the officer all get the same answer.
"""
