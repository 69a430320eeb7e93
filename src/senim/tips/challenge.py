"""Form challenges: a signed, single-use token that the browser answers with a proof of work
(static/tips/pow.js) or, without JavaScript, with a small sum. Without JavaScript the sum is easy, so
those reports also share a global hourly budget (`SENIM_TIPS_NOJS_PER_HOUR`)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

from senim.tips import conf, pow

SALT = "senim.tips.challenge"


@dataclass(frozen=True)
class Challenge:
    token: str
    bits: int
    left: int
    right: int


def _answer_mac(nonce: str, answer: str) -> str:
    return salted_hmac("senim.tips.sum", f"{nonce}:{answer.strip()}").hexdigest()[:20]


def issue() -> Challenge:
    nonce = secrets.token_urlsafe(12)
    left, right = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    bits = conf.get("SENIM_TIPS_POW_BITS")
    token = signing.TimestampSigner(salt=SALT).sign_object(
        {"n": nonce, "b": bits, "s": _answer_mac(nonce, str(left + right))}
    )
    return Challenge(token=token, bits=bits, left=left, right=right)


class ChallengeFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "expired", "wrong", "busy"


def _budget(key: str, limit: int, window: int) -> bool:
    """Fixed-window counter shared by every web process through the cache."""
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        used = 1
    return used <= limit


def verify(token: str, *, counter: str = "", answer: str = "", consume: bool = True) -> str:
    """Returns "pow" or "sum"; raises ChallengeFailed. The token is single-use."""
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=conf.get("SENIM_TIPS_CHALLENGE_MAX_AGE")
        )
    except (signing.BadSignature, TypeError, ValueError):
        raise ChallengeFailed("expired")
    nonce, bits = str(payload.get("n", "")), int(payload.get("b", 99))
    if counter and pow.check(token, counter, bits):
        method = "pow"
    elif answer and constant_time_compare(_answer_mac(nonce, answer), str(payload.get("s", ""))):
        method = "sum"
    else:
        raise ChallengeFailed("wrong")
    if consume and not cache.add(f"tips:challenge-used:{nonce}", 1, timeout=conf.get("SENIM_TIPS_CHALLENGE_MAX_AGE")):
        raise ChallengeFailed("expired")
    if method == "sum" and not _budget("tips:nojs", conf.get("SENIM_TIPS_NOJS_PER_HOUR"), 3600):
        raise ChallengeFailed("busy")
    return method


def submission_budget_ok() -> bool:
    return _budget("tips:submissions", conf.get("SENIM_TIPS_SUBMISSIONS_PER_HOUR"), 3600)
