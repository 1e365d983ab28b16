"""The service catalogue: the declared services, looked up by slug, read by every channel.

The list itself is ``casework.services.SERVICES``; nothing registers by being imported.
"""

from __future__ import annotations

from functools import cache

from casework.declaration import ServiceDeclaration, Task
from casework.messages import Message
from casework.rule_checks import RuleCheck


@cache
def _by_slug() -> dict[str, ServiceDeclaration]:
    from casework.services import SERVICES

    by_slug: dict[str, ServiceDeclaration] = {}
    prefixes: set[str] = set()
    for service in SERVICES:
        if service.slug in by_slug:
            raise ValueError(f"Service {service.slug} is declared twice")
        if service.reference_prefix in prefixes:
            raise ValueError(f"Reference prefix {service.reference_prefix} is used twice")
        by_slug[service.slug] = service
        prefixes.add(service.reference_prefix)
    return by_slug


def get_service(slug: str) -> ServiceDeclaration:
    return _by_slug()[slug]


def find_service(slug: str) -> ServiceDeclaration | None:
    return _by_slug().get(slug)


def all_services() -> list[ServiceDeclaration]:
    return list(_by_slug().values())


@cache
def rule_checks() -> dict[str, RuleCheck]:
    """The published rule checks (``casework.services.RULE_CHECKS``) by slug."""
    from casework.services import RULE_CHECKS

    by_slug: dict[str, RuleCheck] = {}
    for check in RULE_CHECKS:
        if check.slug in by_slug:
            raise ValueError(f"Rule check {check.slug} is declared twice")
        if any(not rule_list.name or rule_list.name == "check" for rule_list in check.lists):
            raise ValueError(f"Rule check {check.slug} has a list its path cannot name")
        by_slug[check.slug] = check
    return by_slug


@cache
def service_messages() -> dict[str, Message]:
    """Every service's messages by name, stamped with the service that sends them."""
    messages: dict[str, Message] = {}
    for service in all_services():
        for message in service.messages:
            if message.name in messages:
                raise ValueError(f"Message {message.name} is declared twice")
            messages[message.name] = message
    return messages


@cache
def all_tasks() -> dict[str, Task]:
    """Every service's background tasks by name, for the worker to register."""
    tasks: dict[str, Task] = {}
    for service in all_services():
        for task in service.tasks:
            if task.name in tasks:
                raise ValueError(f"Task {task.name} is declared twice")
            tasks[task.name] = task
    return tasks
