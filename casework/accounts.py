"""Accounts: citizens signing in with emailed codes, officers with passwords, API clients."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from casework import outbox, security
from casework.cases import claim_for_person
from casework.messages import SIGN_IN_CODE
from casework.models import ApiClient, Officer, Person, SignInCode
from casework.models.accounts import WebSession
from casework.sessions import credential_stamp
from casework.settings import get_settings
from casework.workflow import Actor

TOO_MANY_TRIES = "You have entered the wrong code too many times. Request a new code"
ADMIN = "admin"


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
        if second_factor_step(officer) is None:
            officer.failed_sign_ins = 0
            officer.locked_until = None
        # Otherwise the count is cleared only by a right code: a right password alone must
        # not wipe out the wrong codes tried with it, or the codes could be guessed forever.
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
    if second_factor_step(officer) == "set-up":
        # An administrator's session counts only once they have a second factor, whenever
        # the role was given or the factor reset: they sign in again and set one up.
        return None
    return Actor(kind="officer", id=officer.id, label=officer.name, roles=frozenset(officer.roles))


# --- Officers' second factor (TOTP, RFC 6238) ----------------------------------------
#
# The shared key is sealed with keys derived from the app's secret key (a keystream of
# HMAC-SHA256 in counter mode, then an HMAC tag over the officer's id and the ciphertext),
# so a copy of the database alone gives no one the codes, and a sealed key moved to another
# officer's row does not open. Changing SECRET_KEY makes every key unreadable: officers then
# need `portal officer reset-2fa`. The key is shown only while it is being set up.

TOTP_DRIFT_STEPS = 1  # a code from the step either side of now still counts (clock drift)
_SEALED_PREFIX = "v1:"


def second_factor_step(officer: Officer) -> str | None:
    """What comes after a right password: "code", "set-up" (administrators must) or None."""
    if officer.totp_enrolled:
        return "code"
    if ADMIN in (officer.roles or []):
        return "set-up"
    return None


def _seal_key(purpose: bytes) -> bytes:
    root = get_settings().secret_key.encode()
    return hmac.new(root, b"officer-totp-key:" + purpose, hashlib.sha256).digest()


def _keystream(nonce: bytes, length: int) -> bytes:
    key = _seal_key(b"encrypt")
    blocks = (length + 31) // 32
    stream = b"".join(
        hmac.new(key, nonce + i.to_bytes(4, "big"), hashlib.sha256).digest() for i in range(blocks)
    )
    return stream[:length]


def _tag(officer_id: int, body: bytes) -> bytes:
    message = str(officer_id).encode() + b":" + body
    return hmac.new(_seal_key(b"mac"), message, hashlib.sha256).digest()[:16]


def seal_totp_secret(officer_id: int, secret: str) -> str:
    nonce = secrets.token_bytes(16)
    plain = secret.encode()
    cipher = bytes(a ^ b for a, b in zip(plain, _keystream(nonce, len(plain)), strict=True))
    body = nonce + cipher
    return _SEALED_PREFIX + base64.urlsafe_b64encode(body + _tag(officer_id, body)).decode()


def open_totp_secret(officer_id: int, sealed: str | None) -> str | None:
    """The key, or None if there is none or it does not open (another row's, another key)."""
    if not sealed or not sealed.startswith(_SEALED_PREFIX):
        return None
    try:
        raw = base64.urlsafe_b64decode(sealed.removeprefix(_SEALED_PREFIX))
    except ValueError:
        return None
    body, tag = raw[:-16], raw[-16:]
    if len(body) <= 16 or not hmac.compare_digest(tag, _tag(officer_id, body)):
        return None
    nonce, cipher = body[:16], body[16:]
    plain = bytes(a ^ b for a, b in zip(cipher, _keystream(nonce, len(cipher)), strict=True))
    return plain.decode()


@dataclass(frozen=True)
class TotpSetUp:
    """What an officer needs to add the key to an authenticator app (shown at set-up only)."""

    secret: str
    uri: str


def totp_set_up(session: Session, officer_id: int) -> TotpSetUp | None:
    """The key being set up, made on first asking and kept until confirmed (so a QR code
    already scanned stays good across reloads); None once the officer has one set up."""
    officer = session.get(Officer, officer_id, with_for_update=True)
    if officer is None or officer.totp_enrolled:
        return None
    secret = open_totp_secret(officer.id, officer.totp_secret)
    if secret is None:
        secret = pyotp.random_base32()
        officer.totp_secret = seal_totp_secret(officer.id, secret)
        officer.totp_last_step = None
    uri = pyotp.TOTP(secret).provisioning_uri(
        name=officer.email, issuer_name=get_settings().council_name
    )
    return TotpSetUp(secret, uri)


def _accepted_step(officer: Officer, code: str, moment: datetime) -> int | None:
    """The time step ``code`` is right for, if it is later than the last one used."""
    secret = open_totp_secret(officer.id, officer.totp_secret)
    if secret is None or len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(moment)
    accepted = None
    # Every step is compared, in constant time, so the answer takes as long whichever matched.
    for step in range(now - TOTP_DRIFT_STEPS, now + TOTP_DRIFT_STEPS + 1):
        right = hmac.compare_digest(totp.generate_otp(step).encode(), code.encode())
        if right and (officer.totp_last_step is None or step > officer.totp_last_step):
            accepted = step
    return accepted


def verify_officer_code(
    session: Session,
    officer_id: int,
    code: str,
    *,
    stamp: str | None,
    setting_up: bool = False,
    refused: bool = False,
) -> Officer | None:
    """The officer if ``code`` is right now and not used before (which it then uses up).

    With ``stamp`` (the password's fingerprint when it was checked) this is the second half
    of signing in: the account must still be active, unlocked and on that password, a wrong
    code counts towards the lockout like a wrong password, and a right one clears the count.
    Without it, a signed-in officer is confirming a key. ``setting_up`` checks the key being
    set up, and a right code makes it the officer's second factor.
    """
    moment = _now()
    officer = session.get(Officer, officer_id, with_for_update=True)
    if officer is None:
        return None
    signing_in = stamp is not None
    allowed = officer.totp_enrolled != setting_up and not refused
    if signing_in:
        allowed = (
            allowed
            and officer.active
            and not _locked(officer, moment)
            and hmac.compare_digest(credential_stamp(officer), stamp or "")
        )
    step = _accepted_step(officer, code, moment)
    if allowed and step is not None:
        officer.totp_last_step = step
        officer.totp_enrolled = True
        if signing_in:
            officer.failed_sign_ins = 0
            officer.locked_until = None
        return officer
    if signing_in and not refused:
        _record_failure(session, officer.email.lower(), moment)
    return None


def reset_second_factor(session: Session, email: str) -> bool:
    """Forget an officer's second factor and sign them out everywhere (an administrator's
    command, for a lost phone); False if no such officer. They set one up again (an
    administrator must) when they next sign in."""
    officer = session.scalars(
        select(Officer).where(func.lower(Officer.email) == email.strip().lower())
    ).first()
    if officer is None:
        return False
    officer.totp_secret = None
    officer.totp_enrolled = False
    officer.totp_last_step = None
    session.execute(delete(WebSession).where(WebSession.officer_id == officer.id))
    return True


# --- API clients ----------------------------------------------------------------------

API_SCOPES = (
    "services:read",
    "eligibility:check",
    "applications:write",
    "applications:read",
    "enquiries:write",
    "chaperones:read",
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
