"""The vendor API that seed 000's SDK calls: answers every GET after a delay, like a slow remote.

A separate process, so that the service's own threads are only the event loop and its pool.
Usage: /usr/bin/python3 upstream.py PORT [DELAY_SECONDS]
"""

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3
POSITIONS = [
    {"coin": f"COIN{i}", "szi": f"{(i % 17) * 1.5:.2f}", "entryPx": f"{100 + i * 0.25:.2f}"}
    for i in range(200)
]
BODY = json.dumps({"positions": POSITIONS}).encode()


class SlowHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        time.sleep(DELAY)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would only fill a pipe


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), SlowHandler)
    server.daemon_threads = True
    print(f"upstream listening on 127.0.0.1:{PORT}, delay {DELAY}s", flush=True)
    server.serve_forever()
