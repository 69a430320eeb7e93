"""Tips benchmark: what a receipt-code check costs the server, and what the proof of work costs a reporter.

    .venv/bin/python bench/tips_costs.py [--argon2-runs 10] [--pow-trials 8] [--no-browser]

1. Argon2id verify time (and memory) for the production profile and two alternatives, and the resulting
   offline guessing cost for the 12 secret digits of a receipt code (10**12 candidates) per CPU core.
2. Proof of work: mean solve time against difficulty (bits) with Python's hashlib (the server's reference
   solver, a lower bound for a native attacker per core) and with static/tips/pow.js in Debian's Chromium,
   unthrottled and with CPU throttling x6 (Chromium's own "low-end mobile" emulation).
The solve time is geometric with mean 2**bits hashes; means over `--pow-trials` challenges are noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from argon2 import PasswordHasher  # noqa: E402

from senim.core.testing.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from senim.tips import pow as tips_pow  # noqa: E402
from senim.tips import receipt  # noqa: E402

PROFILES = [
    ("production: t=3 m=64MiB p=4 (RFC 9106 low-memory)", 3, 65536, 4),
    ("OWASP minimum: t=2 m=19MiB p=1", 2, 19456, 1),
    ("light: t=1 m=8MiB p=1", 1, 8192, 1),
]


def bench_argon2(runs: int) -> None:
    print("## Argon2id receipt-code verify")
    print("| profile | hash ms (median) | verify ms (median) | offline search of 10^12 secrets, core-years |")
    print("|---|---:|---:|---:|")
    for label, t, m, p in PROFILES:
        ph = PasswordHasher(time_cost=t, memory_cost=m, parallelism=p)
        code = receipt.new_code()
        hashes, verifies = [], []
        for _ in range(runs):
            start = time.perf_counter()
            stored = receipt.hash_code(code, ph)
            hashes.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert receipt.verify_code(stored, code, ph)
            verifies.append(time.perf_counter() - start)
        verify = statistics.median(verifies)
        # Half the space on average; p lanes use p cores, so cost per guess in core-seconds ~ verify * min(p, cores).
        core_seconds = verify * min(p, os.cpu_count() or 1)
        years = 0.5 * 10**12 * core_seconds / (365 * 24 * 3600)
        print(f"| {label} | {statistics.median(hashes) * 1000:.0f} | {verify * 1000:.0f} | {years:,.0f} |")
    print()


def bench_pow_python(bits_list: list[int], trials: int) -> dict[int, float]:
    means = {}
    for bits in bits_list:
        times = [tips_pow.solve(secrets.token_urlsafe(24), bits)[2] for _ in range(trials)]
        means[bits] = statistics.mean(times)
    return means


def bench_pow_browser(bits_list: list[int], trials: int, throttle: float) -> dict[int, float] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    script = (ROOT / "src/senim/tips/static/tips/pow.js").read_text()
    means = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        if throttle > 1:
            session = page.context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        for bits in bits_list:
            times = []
            for _ in range(trials):
                challenge = secrets.token_urlsafe(24)
                page.set_content(
                    f'<form class="pow-form" data-challenge="{challenge}" data-bits="{bits}">'
                    '<input name="pow"><p class="status"></p></form>'
                )
                start = time.perf_counter()
                page.add_script_tag(content=script)
                page.wait_for_function("document.querySelector('input[name=pow]').value !== ''", timeout=600_000)
                times.append(time.perf_counter() - start)
                counter = page.input_value("input[name=pow]")
                assert tips_pow.check(challenge, counter, bits)
            means[bits] = statistics.mean(times)
        browser.close()
    return means


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--argon2-runs", type=int, default=10)
    parser.add_argument("--pow-trials", type=int, default=8)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print()
    bench_argon2(args.argon2_runs)
    bits_list = [12, 14, 16, 18, 20]
    python = bench_pow_python(bits_list, args.pow_trials)
    browser = None if args.no_browser else bench_pow_browser(bits_list, args.pow_trials, 1)
    slow = None if args.no_browser else bench_pow_browser(bits_list[:-1], max(3, args.pow_trials // 2), 6)
    print("## Proof of work: mean solve time (s) against difficulty")
    print("| bits | expected hashes | Python hashlib | pow.js in Chromium | pow.js, CPU throttled x6 |")
    print("|---:|---:|---:|---:|---:|")
    for bits in bits_list:
        b = f"{browser[bits]:.2f}" if browser else "–"
        s = f"{slow[bits]:.2f}" if slow and bits in slow else "–"
        print(f"| {bits} | {2**bits:,} | {python[bits]:.2f} | {b} | {s} |")


if __name__ == "__main__":
    main()
