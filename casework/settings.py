"""The one typed settings object, read from the environment.

Every default is safe for a local run: a SQLite file, an in-process broker-free Celery
(eager) unless a broker is given, the local Notify sandbox and the local eligibility fake.
Production swaps these by environment variables only.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"

# A Notify-format key ("name-<service id>-<secret>") that only the local sandbox accepts.
SANDBOX_SERVICE_ID = "5f1b6f1e-2a1c-4c55-9a55-3c5a0e0f0a01"
SANDBOX_API_KEY = f"local_sandbox-{SANDBOX_SERVICE_ID}-6a0d5c6b-7e53-4a8f-8a51-0c1d2e3f4a5b"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    council_name: str = "Northshire County Council"
    database_url: str = f"sqlite:///{VAR_DIR / 'portal.db'}"
    # The local default needs no server: Celery stores messages in a SQLite file.
    celery_broker_url: str = f"sqla+sqlite:///{VAR_DIR / 'celery-broker.db'}"
    celery_result_backend: str | None = None
    redis_url: str | None = None

    secret_key: str = "local-development-only-change-me"  # noqa: S105 - overridden in production
    session_https_only: bool = False

    portal_host: str = "127.0.0.1"
    portal_port: int = 8000
    public_base_url: str = "http://127.0.0.1:8000"

    notify_api_key: str = SANDBOX_API_KEY
    notify_base_url: str = "http://127.0.0.1:8001"
    notify_sandbox_port: int = 8001
    notify_timeout_seconds: float = 10.0
    # The id of the council's reply-to address in Notify (Settings > Reply-to email addresses),
    # so a reply to any email reaches a person. Unset, Notify uses the service's default.
    notify_email_reply_to_id: str | None = None
    # Notify allows 3,000 messages a minute per key, over a rolling minute. One token bucket
    # in Redis, shared by every worker, spends a fraction of it (headroom for clock and
    # network jitter) with a small burst allowance.
    notify_rate_limit_per_minute: int = 3000
    notify_rate_limit_headroom: float = 0.97
    # Exponential backoff with full jitter for 5xx, timeouts and connection errors.
    notify_retry_base_seconds: float = 2.0
    notify_retry_max_seconds: float = 120.0
    notify_max_attempts: int = 12
    # A claimed row is someone's to send for this long; after it, a retry asks Notify first.
    notify_lease_seconds: float = 60.0
    # The sweep re-queues rows whose task looks lost once they are this stale.
    notify_sweep_after_seconds: int = 300
    # The bearer token Notify sends with delivery receipts and inbound texts.
    notify_callback_token: str = "local-notify-callback-token"  # noqa: S105 - overridden in production

    ecs_base_url: str = "http://127.0.0.1:8002"
    ecs_client_id: str = "local-portal"
    ecs_client_secret: str = "local-eligibility-secret"  # noqa: S105 - fake service only
    ecs_port: int = 8002
    ecs_timeout_seconds: float = 5.0
    # How often (seconds) an "unavailable" check is tried again.
    ecs_retry_seconds: int = 300

    # The assistant: Rasa's server (REST channel and HTTP API) and its action server.
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_port: int = 5005
    rasa_actions_port: int = 5055
    rasa_timeout_seconds: float = 10.0
    # The token Rasa's HTTP API was started with (`rasa run --auth-token`), sent with every
    # call to it. Empty for the local run, whose Rasa listens only on 127.0.0.1.
    rasa_auth_token: str = ""
    # An inbound text is answered within two SMS segments (306 GSM characters).
    assistant_sms_segments: int = 2
    # Every message to the assistant costs a Rasa round trip (and by text, a reply), so each
    # conversation, each client address and each phone number may send only so many a
    # minute, counted across every portal process (in Redis when REDIS_URL is set). The
    # address limit is looser: people behind one office or school network share an address.
    # 0 turns a limit off.
    assistant_messages_per_minute_per_conversation: int = Field(default=20, ge=0)
    assistant_messages_per_minute_per_ip: int = Field(default=60, ge=0)
    assistant_texts_per_minute_per_phone: int = Field(default=10, ge=0)

    sign_in_code_minutes: int = 15
    sign_in_code_attempts: int = 5
    # Each code is an email through the council's Notify account and 5 fresh guesses, so
    # codes may be asked for only so often an hour per address, per browser session and per
    # client address (looser: people behind one office or school network share it). The
    # limits are the same whether or not an address has an account. 0 turns a limit off.
    sign_in_codes_per_hour_per_email: int = Field(default=5, ge=0)
    sign_in_codes_per_hour_per_session: int = Field(default=5, ge=0)
    sign_in_codes_per_hour_per_ip: int = Field(default=30, ge=0)

    # Sessions live on the server and end after this long without a request: officers, who
    # can see every case in their service, sooner than citizens. None outlasts the maximum.
    citizen_session_idle_minutes: int = Field(default=60, ge=1)
    officer_session_idle_minutes: int = Field(default=30, ge=1)
    session_max_hours: int = Field(default=12, ge=1)
    # Wrong officer passwords: this many in a row lock the account for a while (it unlocks
    # by itself, or sooner with `portal officer unlock`), and this many an hour from one
    # client address stop that address trying for the same while. 0 turns a limit off.
    officer_lockout_after: int = Field(default=10, ge=0)
    officer_lockout_minutes: int = Field(default=15, ge=1)
    officer_sign_in_failures_per_hour_per_ip: int = Field(default=50, ge=0)

    # Wrong second factors in the API's status look-up (a child's date of birth has only
    # some 6,600 likely values): this many an hour per reference, per API client and per
    # client address, then 429 until the hour's allowance refills. 0 turns a limit off.
    # The client and address limits are high because the assistant is one API client for
    # everyone who chats; the per-reference limit is what stops a guesser.
    api_status_wrong_attempts_per_hour_per_reference: int = Field(default=10, ge=0)
    api_status_wrong_attempts_per_hour_per_client: int = Field(default=1000, ge=0)
    api_status_wrong_attempts_per_hour_per_ip: int = Field(default=1000, ge=0)

    # Notify template ids by message name and channel, so a council maps its own templates:
    # NOTIFY_TEMPLATES='{"fsm_awarded:email": "<uuid>"}'. Unset entries use the sandbox's ids.
    notify_templates: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _local_addresses_follow_local_ports(self) -> Settings:
        # Moving a local server to another port moves the address we call it on, unless the
        # address was given outright (production, or a server elsewhere).
        given = self.model_fields_set
        if "public_base_url" not in given:
            self.public_base_url = f"http://{self.portal_host}:{self.portal_port}"
        if "notify_base_url" not in given:
            self.notify_base_url = f"http://127.0.0.1:{self.notify_sandbox_port}"
        if "ecs_base_url" not in given:
            self.ecs_base_url = f"http://127.0.0.1:{self.ecs_port}"
        if "rasa_url" not in given:
            self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
