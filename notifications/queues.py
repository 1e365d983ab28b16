"""The Celery queues Notify traffic goes through, consumed by the dedicated notify worker.

A message Notify may or may not have taken (a 5xx, a timeout) is retried from a queue of
its own, which the notify workers also consume: in the notify queue its retry would wait
behind the whole burst, however short its backoff.
"""

NOTIFY_QUEUE = "notify"
NOTIFY_RETRY_QUEUE = "notify-retry"
# For a worker's --queues.
NOTIFY_QUEUES = f"{NOTIFY_QUEUE},{NOTIFY_RETRY_QUEUE}"
