"""How tests and benchmarks start Debian's Chromium (never a downloaded browser): quiet, offline, no sandbox
(containers lack the user namespaces it needs)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
