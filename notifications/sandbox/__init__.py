"""A local stand-in for GOV.UK Notify's API v2.

It accepts the same requests, checks the same JSON Web Tokens and answers with the same
shapes and error messages as Notify, so the real ``notifications-python-client`` can be
pointed at it. Nothing is delivered: messages are kept in memory and shown at ``/``.
"""
