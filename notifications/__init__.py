"""Notification sending: the GOV.UK Notify integration and its local sandbox."""
