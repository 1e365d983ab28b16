"""The Celery application: broker from settings, task modules, queues and the beat schedule."""

from __future__ import annotations

from celery import Celery
from celery.schedules import crontab

from casework import clock_alerts
from casework.catalogue import all_services, all_tasks
from casework.settings import get_settings
from notifications.queues import NOTIFY_QUEUE
from portal import dispatch


def make_celery() -> Celery:
    settings = get_settings()
    # Tasks write outbox rows too (e.g. an automatic award); their deliveries must be sent.
    dispatch.install()
    app = Celery(
        "portal", broker=settings.celery_broker_url, backend=settings.celery_result_backend
    )
    app.conf.update(
        include=["notifications.tasks", "portal.assistant.tasks"],
        task_default_queue="default",
        # Notify traffic has its own queue (and, in production, its own worker) so a burst
        # of messages never starves other jobs.
        # The outbox sweep is not Notify traffic: in the notify queue it would wait behind
        # the very burst whose lost deliveries it is there to find.
        task_routes={
            "notifications.sweep_outbox": {"queue": "default"},
            "notifications.*": {"queue": NOTIFY_QUEUE},
        },
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        task_ignore_result=settings.celery_result_backend is None,
        beat_schedule={
            "sweep-outbox": {"task": "notifications.sweep_outbox", "schedule": 60.0},
            # Each service's own schedules, from its declaration.
            **{
                schedule.name: {"task": schedule.task, "schedule": schedule.every_seconds}
                for service in all_services()
                for schedule in service.schedules
            },
            # Officers' digest of cases near or past a clock, before the working day
            # (London time, the app's timezone); the task skips bank holidays itself.
            "send-clock-digest": {
                "task": clock_alerts.TASK,
                "schedule": crontab(hour=7, minute=0, day_of_week="mon-fri"),
            },
            "forget-assistant-conversations": {
                "task": "assistant.forget_old_conversations",
                "schedule": 3600.0,
            },
        },
        timezone="Europe/London",
    )
    # Services declare their tasks as plain functions taking ids; the worker names them.
    for task in all_tasks().values():
        app.task(name=task.name, acks_late=True)(task.run)
    # Sending twice is harmless (one digest per officer a day), so a lost worker's run is
    # simply run again.
    app.task(name=clock_alerts.TASK, acks_late=True)(clock_alerts.daily_digest_task)
    return app


celery_app = make_celery()
