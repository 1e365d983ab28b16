"""The core of the children's services portal: models, workflow, service declarations,
rules, clocks, audit and the outbox. It knows nothing of HTTP, Jinja, Rasa or Notify."""
