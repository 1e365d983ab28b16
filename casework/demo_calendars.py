"""Demo term dates, in the published file layout (docs/school-calendars.md), imported by
`portal seed-demo` through the same importer officers use.

The council's calendar covers three academic years, in the usual English pattern: an
autumn term from early September to just before Christmas with a half-term week late in
October, a spring term from early January to just before Easter with a February half-term,
and a summer term from after Easter to about 21 July with a half-term week at the end of
May; each half term is a term of its own, and there are five INSET days a year. Northshire
Academy, as academies may, sets its own: two-week autumn half-terms, different INSET days,
a polling day, and only two years entered, so its deadlines beyond July 2027 are estimates.
"""

from __future__ import annotations

DEMO_ACADEMY = "100004"  # Northshire Academy (casework.demo.SCHOOLS)

CSV = """\
calendar,type,name,first_day,last_day
council,term,Autumn term 1,2025-09-03,2025-10-24
council,closure,INSET day,2025-09-03,
council,closure,INSET day,2025-09-04,
council,term,Autumn term 2,2025-11-03,2025-12-19
council,term,Spring term 1,2026-01-05,2026-02-13
council,closure,INSET day,2026-01-05,
council,term,Spring term 2,2026-02-23,2026-03-27
council,term,Summer term 1,2026-04-13,2026-05-22
council,closure,INSET day,2026-04-13,
council,term,Summer term 2,2026-06-01,2026-07-22
council,closure,INSET day,2026-07-22,
council,term,Autumn term 1,2026-09-02,2026-10-23
council,closure,INSET day,2026-09-02,
council,closure,INSET day,2026-09-03,
council,term,Autumn term 2,2026-11-02,2026-12-18
council,term,Spring term 1,2027-01-04,2027-02-12
council,closure,INSET day,2027-01-04,
council,term,Spring term 2,2027-02-22,2027-03-25
council,term,Summer term 1,2027-04-12,2027-05-28
council,closure,INSET day,2027-04-12,
council,term,Summer term 2,2027-06-07,2027-07-22
council,closure,INSET day,2027-07-22,
council,term,Autumn term 1,2027-09-02,2027-10-22
council,closure,INSET day,2027-09-02,
council,closure,INSET day,2027-09-03,
council,term,Autumn term 2,2027-11-01,2027-12-17
council,term,Spring term 1,2028-01-04,2028-02-11
council,closure,INSET day,2028-01-04,
council,term,Spring term 2,2028-02-21,2028-04-07
council,term,Summer term 1,2028-04-24,2028-05-26
council,closure,INSET day,2028-04-24,
council,term,Summer term 2,2028-06-05,2028-07-21
council,closure,INSET day,2028-07-21,
100004,term,Autumn term 1,2025-09-03,2025-10-17
100004,closure,INSET day,2025-09-03,
100004,closure,INSET day,2025-09-04,
100004,term,Autumn term 2,2025-11-03,2025-12-19
100004,closure,INSET day,2025-11-03,
100004,term,Spring term 1,2026-01-05,2026-02-13
100004,closure,INSET day,2026-01-05,
100004,term,Spring term 2,2026-02-23,2026-04-02
100004,term,Summer term 1,2026-04-13,2026-05-22
100004,closure,Polling day,2026-05-07,
100004,term,Summer term 2,2026-06-01,2026-07-22
100004,closure,INSET day,2026-06-01,
100004,term,Autumn term 1,2026-09-02,2026-10-16
100004,closure,INSET day,2026-09-02,
100004,closure,INSET day,2026-09-03,
100004,term,Autumn term 2,2026-11-02,2026-12-18
100004,closure,INSET day,2026-11-02,
100004,term,Spring term 1,2027-01-05,2027-02-12
100004,closure,INSET day,2027-01-05,
100004,term,Spring term 2,2027-02-22,2027-03-25
100004,term,Summer term 1,2027-04-12,2027-05-28
100004,term,Summer term 2,2027-06-07,2027-07-21
100004,closure,INSET day,2027-06-07,
"""
