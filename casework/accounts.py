"""Accounts: citizens signing in with emailed codes, officers with passwords, API clients."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from casework import outbox, security
from casework.cases import claim_for_person
from casework.messages import SIGN_IN_CODE
from casework.models import ApiClient, Officer, Person, SignInCode
from casework.settings import get_settings
from casework.workflow import Actor

TOO_MANY_TRIES = "You have entered the wrong code too many times. Request a new code"


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- Citizens -------------------------------------------------------------------------


def send_sign_in_code(session: Session, email: str) -> None:
    """Email a fresh 6-digit code. Earlier unused codes for the address stop working.

    Anyone may ask for a code for any address, so the caller answers the same way whether
    or not we know the address; only its owner can read the email.
    """
    settings = get_settings()
    email = email.lower()
    session.execute(
        update(SignInCode)
        .where(SignInCode.email == email, SignInCode.used_at.is_(None))
        .values(used_at=_now())
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    session.add(
        SignInCode(
            email=email,
            code_hash=security.hash_code(settings.secret_key, email, code),
            expires_at=_now() + timedelta(minutes=settings.sign_in_code_minutes),
        )
    )
    outbox.queue(
        session,
        SIGN_IN_CODE.name,
        "email",
        email,
        {"code": code, "minutes": str(settings.sign_in_code_minutes)},
    )


@dataclass(frozen=True)
class SignInResult:
    person: Person | None = None
    error: str | None = None


def verify_sign_in_code(session: Session, email: str, code: str) -> SignInResult:
    """Check a code; on success the person (created on first sign-in), else why not.

    A wrong guess is returned, not raised, so the caller commits the attempt count.
    """
    settings = get_settings()
    email = email.lower()
    current = session.scalars(
        select(SignInCode)
        .where(SignInCode.email == email, SignInCode.used_at.is_(None))
        .order_by(SignInCode.id.desc())
        .limit(1)
        .with_for_update()
    ).first()
    if current is None or _aware(current.expires_at) <= _now():
        return SignInResult(error="The security code has expired. Request a new code")
    if current.attempts >= settings.sign_in_code_attempts:
        return SignInResult(error=TOO_MANY_TRIES)
    expected = security.hash_code(settings.secret_key, email, code.strip())
    if not security.constant_time_equal(expected, current.code_hash):
        current.attempts += 1
        if current.attempts >= settings.sign_in_code_attempts:
            current.used_at = _now()
            return SignInResult(error=TOO_MANY_TRIES)
        return SignInResult(error="The security code is not correct. Check the email and try again")
    current.used_at = _now()
    person = session.scalars(select(Person).where(Person.email == email)).first()
    if person is None:
        person = Person(email=email)
        session.add(person)
        session.flush()
    person.last_signed_in_at = _now()
    claim_for_person(session, person.id, email)
    return SignInResult(person=person)


# --- Officers -------------------------------------------------------------------------


def create_officer(session: Session, email: str, name: str, roles: list[str]) -> str:
    """Create an officer with a one-time password, which is returned and never stored."""
    password = security.new_password()
    session.add(
        Officer(
            email=email.lower(),
            name=name,
            password_hash=security.hash_password(password),
            roles=sorted(set(roles)),
        )
    )
    session.flush()
    return password


def _locked(officer: Officer, moment: datetime) -> bool:
    return officer.locked_until is not None and _aware(officer.locked_until) > moment


def _record_failure(session: Session, email: str, moment: datetime) -> None:
    """Count a wrong password against an address; enough in a row lock it for a while.

    One statement whatever the address: an unknown one matches no row, a locked one is left
    as it is, so neither does different work from a real officer's wrong password.
    """
    settings = get_settings()
    limit = settings.officer_lockout_after or 2**31 - 1
    reaches = Officer.failed_sign_ins + 1 >= limit
    session.execute(
        update(Officer)
        .where(
            func.lower(Officer.email) == email,
            or_(Officer.locked_until.is_(None), Officer.locked_until <= moment),
        )
        .values(
            failed_sign_ins=case((reaches, 0), else_=Officer.failed_sign_ins + 1),
            locked_until=case(
                (reaches, moment + timedelta(minutes=settings.officer_lockout_minutes)),
                else_=None,
            ),
        )
        .execution_options(synchronize_session=False)
    )


def authenticate_officer(
    session: Session, email: str, password: str, *, refused: bool = False
) -> Officer | None:
    """The officer if the password is right and the account may sign in now, else None.

    Every attempt does the same work, a password hash check (against a dummy hash for an
    unknown address), so how long the answer takes does not tell an unknown, locked or
    disabled account from a wrong password. ``refused`` turns away a client that has
    failed too often (``portal.sign_in_limits``), with the same work again.
    """
    moment = _now()
    email = email.strip().lower()
    officer = session.scalars(select(Officer).where(func.lower(Officer.email) == email)).first()
    correct = security.verify_password(officer.password_hash if officer else _DUMMY_HASH, password)
    allowed = officer is not None and officer.active and not _locked(officer, moment)
    if officer is not None and allowed and correct and not refused:
        officer.failed_sign_ins = 0
        officer.locked_until = None
        return officer
    if not refused:
        _record_failure(session, email, moment)
    return None


def unlock_officer(session: Session, email: str) -> bool:
    """Lift a lockout now (an administrator's command); False if no such officer."""
    officer = session.scalars(
        select(Officer).where(func.lower(Officer.email) == email.strip().lower())
    ).first()
    if officer is None:
        return False
    officer.failed_sign_ins = 0
    officer.locked_until = None
    return True


_DUMMY_HASH = security.hash_password("not-a-real-password")


def officer_actor(session: Session, officer_id: int) -> Actor | None:
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active:
        return None
    return Actor(kind="officer", id=officer.id, label=officer.name, roles=frozenset(officer.roles))


# --- API clients ----------------------------------------------------------------------

API_SCOPES = (
    "services:read",
    "eligibility:check",
    "applications:write",
    "applications:read",
    "enquiries:write",
)


@dataclass(frozen=True)
class ApiPrincipal:
    client_id: int
    name: str
    scopes: frozenset[str]


def create_api_client(session: Session, name: str, scopes: list[str]) -> str:
    unknown = set(scopes) - set(API_SCOPES)
    if unknown:
        raise ValueError(f"Unknown scopes: {', '.join(sorted(unknown))}")
    token = security.new_api_token()
    session.add(ApiClient(name=name, token_hash=security.hash_token(token), scopes=scopes))
    session.flush()
    return token


def authenticate_api_token(session: Session, token: str) -> ApiPrincipal | None:
    client = session.scalars(
        select(ApiClient).where(
            ApiClient.token_hash == security.hash_token(token), ApiClient.revoked_at.is_(None)
        )
    ).first()
    if client is None:
        return None
    return ApiPrincipal(client.id, client.name, frozenset(client.scopes))
