"""Set up, train, test and run the assistant. Standard library only.

Run it with any Python 3 (the project's .venv is fine): it builds ``bot/.venv`` from pyenv's
Python 3.10.13, because Rasa 3.6 does not run on 3.11.

    python bot/manage.py venv        # create bot/.venv if requirements changed
    python bot/manage.py train       # train only if data, domain or config changed
    python bot/manage.py test        # data validate, NLU cross-validation, test stories
    python bot/manage.py serve       # Rasa server: REST channel, HTTP API
    python bot/manage.py actions     # the action server

Ports and the portal's address come from the environment (see bot/README.md).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

BOT = Path(__file__).resolve().parent
VENV = BOT / ".venv"
STAMP = VENV / ".installed"
MODELS = BOT / "models"
RESULTS = BOT / "results"
PYTHON_VERSION = "3.10.13"
# What a model depends on: change any of these and the next `train` trains again.
TRAINING_INPUTS = ("config.yml", "domain.yml", "data")

# Small on purpose: 2 CPU cores must run the whole suite well within CI's budget.
CV_FOLDS = os.environ.get("BOT_CV_FOLDS", "3")
# The servers run here are the local run's and the tests': reachable from this machine only
# (production runs Rasa's own images, with a token on its HTTP API: docker-compose.yml).
LISTEN_ADDRESS = "127.0.0.1"


class SetupError(SystemExit):
    pass


def pyenv_python() -> Path:
    """pyenv's Python 3.10.13: $(pyenv root)/versions/3.10.13/bin/python."""
    root = os.environ.get("PYENV_ROOT")
    if not root and shutil.which("pyenv"):
        root = subprocess.run(  # noqa: S603
            ["pyenv", "root"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    root = root or str(Path.home() / ".pyenv")
    python = Path(root) / "versions" / PYTHON_VERSION / "bin" / "python"
    if not python.exists():
        raise SetupError(
            f"The assistant needs Python {PYTHON_VERSION} from pyenv, and {python} is missing.\n"
            f"Install it with: pyenv install {PYTHON_VERSION}"
        )
    return python


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(BOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def requirements_fingerprint() -> str:
    return _digest([BOT / "requirements.txt", BOT / "constraints.txt"])


def training_fingerprint() -> str:
    files: list[Path] = []
    for name in TRAINING_INPUTS:
        path = BOT / name
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return _digest(files)[:16]


def bin_path(name: str) -> Path:
    return VENV / "bin" / name


def ensure_venv() -> None:
    wanted = requirements_fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == wanted and bin_path("rasa").exists():
        return
    python = pyenv_python()
    if not bin_path("python").exists():
        print(f"Creating {VENV} with {python}", flush=True)
        _run([str(python), "-m", "venv", str(VENV)])
    print("Installing Rasa into bot/.venv (a few minutes the first time)", flush=True)
    pip = [
        str(bin_path("python")),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    _run([*pip, "--upgrade", "pip==26.3"])
    _run([*pip, "-r", str(BOT / "requirements.txt"), "-c", str(BOT / "constraints.txt")])
    STAMP.write_text(wanted + "\n")


def model_path() -> Path:
    return MODELS / f"{training_fingerprint()}.tar.gz"


def train(force: bool = False) -> Path:
    ensure_venv()
    model = model_path()
    if model.exists() and not force:
        print(f"The model is up to date: {model.relative_to(BOT.parent)}", flush=True)
        return model
    print("Training data changed; training the assistant", flush=True)
    MODELS.mkdir(exist_ok=True)
    _rasa(
        "train",
        "--data",
        "data",
        "--domain",
        "domain.yml",
        "--config",
        "config.yml",
        "--out",
        str(MODELS),
        "--fixed-model-name",
        model.name.removesuffix(".tar.gz"),
    )
    # Keep only the current model: old ones are large and never served.
    for old in MODELS.glob("*.tar.gz"):
        if old != model:
            old.unlink()
    return model


def test() -> None:
    train()
    RESULTS.mkdir(exist_ok=True)
    _rasa("data", "validate", "--data", "data", "--domain", "domain.yml", "--config", "config.yml")
    _rasa(
        "test",
        "nlu",
        "--nlu",
        "data/nlu",
        "--config",
        "config.yml",
        "--cross-validation",
        "--folds",
        CV_FOLDS,
        "--runs",
        "1",
        "--out",
        str(RESULTS / "nlu"),
    )
    _rasa(
        "test",
        "core",
        "--stories",
        "tests/test_stories.yml",
        "--model",
        str(model_path()),
        "--fail-on-prediction-errors",
        "--out",
        str(RESULTS / "core"),
    )


def serve(port: str, actions_url: str) -> None:
    model = train()
    env = {**os.environ, "ACTION_ENDPOINT_URL": actions_url}
    _exec(
        [
            str(bin_path("rasa")),
            "run",
            "--enable-api",
            # Only this machine: the local run has no token on Rasa's HTTP API.
            "--interface",
            LISTEN_ADDRESS,
            "--port",
            port,
            "--model",
            str(model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
        ],
        env,
    )


def actions(port: str) -> None:
    ensure_venv()
    # The action server reads its listen address from SANIC_HOST; only this machine.
    env = {**os.environ, "SANIC_HOST": LISTEN_ADDRESS}
    _exec([str(bin_path("rasa")), "run", "actions", "--port", port, "--actions", "actions"], env)


def _rasa(*args: str) -> None:
    _run([str(bin_path("rasa")), *args])


def _quiet_env(env: dict[str, str] | None = None) -> dict[str, str]:
    return {
        **(env or os.environ),
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONWARNINGS": "ignore",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "RASA_TELEMETRY_ENABLED": "false",
    }


def _run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=BOT, env=_quiet_env(), check=False)  # noqa: S603
    if result.returncode:
        raise SystemExit(f"Failed ({result.returncode}): {' '.join(command)}")


def _exec(command: list[str], env: dict[str, str] | None = None) -> None:
    os.chdir(BOT)
    os.execve(command[0], command, _quiet_env(env))  # noqa: S606


def main(argv: list[str]) -> None:
    command = argv[1] if len(argv) > 1 else ""
    rasa_port = os.environ.get("RASA_PORT", "5005")
    actions_port = os.environ.get("RASA_ACTIONS_PORT", "5055")
    actions_url = os.environ.get("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{actions_port}/webhook")
    if command == "venv":
        ensure_venv()
    elif command == "train":
        train(force="--force" in argv)
    elif command == "fingerprint":
        print(training_fingerprint())
    elif command == "test":
        test()
    elif command == "serve":
        serve(rasa_port, actions_url)
    elif command == "actions":
        actions(actions_port)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
