"""Load for the nginx lab: N clients requesting a few API paths through nginx, until killed.

Threads and urllib only. Errors (502, 504, timeouts) are expected and ignored.
Usage: /usr/bin/python3 loadgen.py BASE_URL [--concurrency N] [--pause SECONDS] [--timeout SECONDS]
"""

import argparse
import itertools
import threading
import time
import urllib.error
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("base_url")
parser.add_argument("--concurrency", type=int, default=4)
parser.add_argument("--pause", type=float, default=0.05, help="seconds between a client's requests")
parser.add_argument("--timeout", type=float, default=15)
args = parser.parse_args()

PATHS = ["/api/health", "/api/items/42", "/api/orders?page=2", "/api/users/7/profile"]


def client(offset: int) -> None:
    for i in itertools.count(offset):
        url = args.base_url + PATHS[i % len(PATHS)]
        try:
            with urllib.request.urlopen(url, timeout=args.timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            err.read()
        except Exception:
            time.sleep(0.5)  # nginx not reachable: do not spin
        time.sleep(args.pause)


for n in range(args.concurrency):
    threading.Thread(target=client, args=(n,), daemon=True).start()

while True:
    time.sleep(3600)
