"""Load for seed 000: N clients calling /api/report back to back, until killed or --duration.

Threads and urllib only (no third-party packages). Prints a one-line summary every 10 s.
Usage: /usr/bin/python3 loadgen.py URL [--concurrency N] [--duration SECONDS]
"""

import argparse
import threading
import time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("--concurrency", type=int, default=24)
parser.add_argument("--duration", type=float, default=0, help="seconds; 0 runs until killed")
parser.add_argument("--timeout", type=float, default=60)
args = parser.parse_args()

lock = threading.Lock()
latencies: list = []
errors = 0


def client() -> None:
    global errors
    while True:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(args.url, timeout=args.timeout) as response:
                response.read()
            with lock:
                latencies.append(time.monotonic() - started)
        except Exception:
            with lock:
                errors += 1
            time.sleep(0.5)  # the service is not up (yet): do not spin


for _ in range(args.concurrency):
    threading.Thread(target=client, daemon=True).start()

deadline = time.monotonic() + args.duration if args.duration > 0 else float("inf")
while time.monotonic() < deadline:
    time.sleep(min(10, max(0, deadline - time.monotonic())))
    with lock:
        done, failed = sorted(latencies), errors
        latencies.clear()
        errors = 0
    p50 = f"{done[len(done) // 2]:.2f}s" if done else "-"
    print(f"loadgen: {len(done)} ok, {failed} failed, p50 {p50}", flush=True)
