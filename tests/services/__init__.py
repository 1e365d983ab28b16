"""The contract test: every declared service, through every channel, failing by its slug.

Parametrised over ``casework.catalogue.all_services()``. Each service gives a whole valid
application in ``samples.py`` beside its declaration (``application(session)``);
``helpers`` turns it into each channel's input. docs/adding-a-service.md says what a new
service needs.
"""
