"""A backend behind the nginx lab: answers every GET with a small JSON body.

Stdlib only (ThreadingHTTPServer), so it runs under Debian's /usr/bin/python3 or any other.
  --delay MIN MAX    sleep a random MIN..MAX seconds before answering (the slow backend, seed 003)
  --close-every N    every Nth proxied request, close the connection without answering, so nginx
                     logs "upstream prematurely closed connection" (seed 001)
  --logging-loop LOG seed 003: a logging observer loops endlessly on sendto + rename(LOG) = ENOENT
                     (logloop.py), and with --delay each request spends its delay in that loop
                     (logging its own line) instead of sleeping
GET /health always answers at once: the lab uses it to know the backend is up.
Usage: /usr/bin/python3 backend.py PORT NAME [--delay MIN MAX] [--close-every N] [--logging-loop LOG]
"""

import argparse
import itertools
import json
import os
import random
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("name")
parser.add_argument("--delay", type=float, nargs=2, metavar=("MIN", "MAX"))
parser.add_argument("--close-every", type=int, default=0)
parser.add_argument("--logging-loop", metavar="LOG")
args = parser.parse_args()

publisher = None
if args.logging_loop:
    from logloop import Publisher

    publisher = Publisher(args.logging_loop)
    publisher.start_endless(args.name)

counter = itertools.count(1)  # next() on it is atomic under the GIL


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/health":
            n = next(counter)
            if args.close_every and n % args.close_every == 0:
                self.close_connection = True
                return  # no status line at all: the socket just closes
            if args.delay:
                delay = random.uniform(*args.delay)
                if publisher:
                    publisher.publish(f"GET {self.path}", until=time.monotonic() + delay)
                else:
                    time.sleep(delay)
        body = json.dumps({"backend": args.name, "pid": os.getpid(), "path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *a: object) -> None:  # noqa: A002 - keep stderr quiet
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


Server(("127.0.0.1", args.port), Handler).serve_forever()
