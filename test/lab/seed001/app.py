"""Seed 001: a FastAPI service whose new scheduled job, running in the web worker, starves it.

The incident (seeds/001): `/api/health` answered 504 and nginx's error log filled with
"upstream prematurely closed connection while reading response header from upstream" after a
new scheduled job (and, before that, a consumer) was started inside the web service's process.

Here the app starts a "health-sync" thread with the worker: after SEED001_JOB_DELAY seconds it
fetches the day's records from another server, then validates a record's free-text note with a
regex whose nested quantifiers backtrack 2^n times. That one C call holds the GIL for about
SEED001_HOLD_SECONDS, so the event loop cannot run: requests wait, nginx times them out (504),
gunicorn's heartbeat (sent from the loop) stops and the arbiter kills the worker ("WORKER
TIMEOUT"), so nginx sees the connections it had handed to that worker close without an answer
(502, "upstream prematurely closed connection"). The next worker starts the same job.

Run under gunicorn with the uvicorn worker and --preload (the calibration below then runs once,
in the master): see test/lab/seed001.ts.
"""

import asyncio
import json
import math
import os
import re
import resource
import threading
import time
import urllib.request

from fastapi import FastAPI

UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9101")
JOB_DELAY = float(os.environ.get("SEED001_JOB_DELAY", "1"))
HOLD_SECONDS = float(os.environ.get("SEED001_HOLD_SECONDS", "8"))
QUERY_SECONDS = 0.2
# Nested quantifiers: on a note that does not match, the time doubles with each character.
NOTE_PATTERN = re.compile(r"^(\w+\s?)*$")

# The arbiter kills a stuck worker with SIGABRT: no core file for each of them.
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def note_length_for(seconds: float) -> int:
    """The note length whose failed match takes about `seconds` on this machine, now."""
    length = 12
    while True:
        took = min(match_seconds(length) for _ in range(3))  # the least disturbed of three
        if took >= 0.1:
            return length + max(0, round(math.log2(seconds / took)))
        length += 1


def match_seconds(length: int) -> float:
    started = time.perf_counter()
    NOTE_PATTERN.match("a" * length + "!")
    return time.perf_counter() - started


NOTE_LENGTH = note_length_for(HOLD_SECONDS)


def validate(records: list) -> bool:
    """Checks every record's note; one note does not match, and that one backtracks."""
    notes = [str(r.get("coin", "")) for r in records] + ["a" * NOTE_LENGTH + "!"]
    for note in notes:
        if not NOTE_PATTERN.match(note):
            return False
    return True


def sync_health_data() -> None:
    """The new scheduled job: fetch, validate, again. It runs in the web worker's process."""
    time.sleep(JOB_DELAY)
    while True:
        with urllib.request.urlopen(f"{UPSTREAM_URL}/retrieval/apple_health_data", timeout=10) as r:
            records = json.loads(r.read())["positions"]
        validate(records)
        time.sleep(0.5)


app = FastAPI()


@app.on_event("startup")
async def start_job() -> None:
    threading.Thread(target=sync_health_data, name="health-sync", daemon=True).start()


@app.get("/health")
async def health() -> dict:
    return {"status": "ok", "pid": os.getpid()}


@app.api_route("/{path:path}", methods=["GET", "POST"])
async def api(path: str) -> dict:
    # Stands in for the endpoint's database query: awaited, so requests overlap in the worker,
    # and some are always in flight when the job takes the GIL.
    await asyncio.sleep(QUERY_SECONDS)
    return {"path": f"/{path}", "pid": os.getpid()}
