"""The production description validates, and the CLI does what the README says."""

import os
import shutil
import subprocess

from casework.settings import PROJECT_ROOT

SECRETS = (
    "POSTGRES_PASSWORD",
    "SECRET_KEY",
    "NOTIFY_API_KEY",
    "ECS_BASE_URL",
    "ECS_CLIENT_ID",
    "ECS_CLIENT_SECRET",
    "PORTAL_API_TOKEN",
    "RASA_AUTH_TOKEN",
)


def test_docker_compose_file_validates():
    assert shutil.which("docker-compose"), "make test installs docker-compose; run it from make"
    env = {**os.environ, **{name: "placeholder" for name in SECRETS}}
    result = subprocess.run(
        ["docker-compose", "config", "-q"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_to_start_without_secrets():
    env = {k: v for k, v in os.environ.items() if k not in SECRETS}
    result = subprocess.run(
        ["docker-compose", "config", "-q"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD" in result.stderr or "set " in result.stderr
