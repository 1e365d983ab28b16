"""Reports of illegal child employment: anyone reports, with or without an account, and
anonymously if they choose; officers investigate (visits, evidence, an outcome)."""
