"""The officers' side: queues, case pages, decisions, batch runs and administration."""
