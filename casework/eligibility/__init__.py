"""Free school meals eligibility checks against external services."""
