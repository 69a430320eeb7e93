"""Receipt-code brute-force throttling, kept in the shared cache and never keyed by IP address.

We store no IP address (a reporter's address is exactly what must not exist anywhere), so limits hang on
what the guess itself names:

- per code: failures against one public part (the first 8 digits) lock that part for
  `SENIM_TIPS_RECEIPT_LOCK_SECONDS` after `SENIM_TIPS_RECEIPT_MAX_FAILURES`; this stops a targeted attack
  on a known tip's secret digits. A locked code answers "try later" without even running Argon2.
- globally: all failures together are capped per window; beyond the cap every code check answers
  "try later" until the window ends. An untargeted attacker spreading guesses over random public parts
  hits this cap, whatever number of addresses they use.

The price: an attacker can delay a real reporter (never read or change their tip). The form also carries
a proof of work, so each guess costs the guesser CPU. See docs/tips.md.
"""

from __future__ import annotations

import time

from django.core.cache import cache

from senim.tips import conf


def _code_key(lookup: str) -> str:
    return f"tips:receipt-fail:{lookup[:32]}"


def _global_key() -> str:
    window = conf.get("SENIM_TIPS_RECEIPT_GLOBAL_WINDOW")
    return f"tips:receipt-fail-all:{int(time.time() // window)}"


def allowed(lookup: str) -> bool:
    if int(cache.get(_global_key(), 0)) >= conf.get("SENIM_TIPS_RECEIPT_GLOBAL_FAILURES"):
        return False
    return int(cache.get(_code_key(lookup), 0)) < conf.get("SENIM_TIPS_RECEIPT_MAX_FAILURES")


def _incr(key: str, timeout: int) -> None:
    cache.add(key, 0, timeout=timeout)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=timeout)


def record_failure(lookup: str) -> None:
    _incr(_code_key(lookup), conf.get("SENIM_TIPS_RECEIPT_LOCK_SECONDS"))
    _incr(_global_key(), 2 * conf.get("SENIM_TIPS_RECEIPT_GLOBAL_WINDOW"))


def record_success(lookup: str) -> None:
    cache.delete(_code_key(lookup))
