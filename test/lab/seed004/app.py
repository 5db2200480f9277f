"""Seed 004: gunicorn with one sync worker, and a handler that calls the service's own API.

The incident (seeds/004): a test platform moved to `gunicorn` with its default single sync
worker. Calls to outside APIs worked; an API test that called the platform's own API timed out,
and meanwhile every other endpoint hung. The one worker is busy in the handler, so the request
it makes to itself waits in the listen backlog until the handler's own timeout.

Here `/api/run-test` calls `SELF_URL/api/echo` with urllib and a timeout (SEED004_SELF_TIMEOUT,
10 s), then answers 504. `py-spy dump` shows the worker in `readinto (socket.py)` under
`run_test (app.py)`; `ss -tanp` shows its connection to its own port, and that port's
listen queue holding the request. `/api/external` calls another server and is fine on its own.
WSGI, standard library only.

Run: SELF_URL=http://127.0.0.1:N UPSTREAM_URL=... gunicorn --workers 1 --bind 127.0.0.1:N app:app
"""

import json
import os
import urllib.error
import urllib.request

SELF_URL = os.environ.get("SELF_URL", "http://127.0.0.1:8000")
UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9101")
SELF_TIMEOUT = float(os.environ.get("SEED004_SELF_TIMEOUT", "10"))


def call_api(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=SELF_TIMEOUT) as response:
        return json.loads(response.read())


def run_test() -> "tuple[str, dict]":
    """Runs an API test case that targets the platform itself, as the seed's user did."""
    try:
        result = call_api(f"{SELF_URL}/api/echo?case=login")
    except (TimeoutError, urllib.error.URLError) as err:
        return "504 Gateway Timeout", {"error": f"internal API call failed: {err}"}
    return "200 OK", {"case": "login", "result": result}


def external() -> "tuple[str, dict]":
    with urllib.request.urlopen(f"{UPSTREAM_URL}/status", timeout=SELF_TIMEOUT) as response:
        return "200 OK", {"external": len(response.read())}


ROUTES = {
    "/api/run-test": run_test,
    "/api/external": external,
    "/api/echo": lambda: ("200 OK", {"echo": "login"}),
    "/api/pid": lambda: ("200 OK", {"pid": os.getpid()}),
    "/health": lambda: ("200 OK", {"status": "ok", "pid": os.getpid()}),
}


def app(environ: dict, start_response) -> "list[bytes]":
    route = ROUTES.get(environ.get("PATH_INFO", ""))
    status, body = route() if route else ("404 Not Found", {"error": "no such path"})
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]
