"""Seed 002: a FastAPI/uvicorn service whose `async def` handler blocks the event loop.

The incident (seeds/002): P95 went from 120 ms to 3.2 s, connections piled up, the process used
little CPU. The handlers did blocking I/O and CPU work inside `async def`, built a new HTTP client
per request, and set no timeouts. Here `/api/search` does all three on the event loop thread:
  - a new synchronous `httpx.Client` per request (its own pool, its own TLS context), no timeout;
  - a blocking GET to a slow upstream (the loop thread waits in a socket read);
  - pbkdf2 over the answer (CPU on the loop thread).
Every other request, `/health` included, waits its turn: `py-spy dump` shows the MainThread inside
`search` (app.py) above asyncio's `_run_once`, in httpx's socket read or in `score`.

Run (Debian's python, which has fastapi, uvicorn and httpx):
    UPSTREAM_URL=http://127.0.0.1:PORT /usr/bin/python3 -m uvicorn app:app --port N
"""

import hashlib
import os

import httpx
from fastapi import FastAPI
from labroutes import add_lab_routes  # test/lab/common, on PYTHONPATH

UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9101")
# ~10 ms of hashing per request on a 2020s core.
SCORE_ROUNDS = int(os.environ.get("SEED002_SCORE_ROUNDS", "20000"))

app = FastAPI()
add_lab_routes(app)


def score(body: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", body, b"seed002", SCORE_ROUNDS).hex()[:16]


@app.get("/api/search")
async def search(q: str = "shoes") -> dict:
    # The bugs, as in the seed: a client per request, no timeout, sync I/O and CPU on the loop.
    client = httpx.Client(timeout=None)
    try:
        response = client.get(f"{UPSTREAM_URL}/search", params={"q": q})
    finally:
        client.close()
    return {"q": q, "score": score(response.content)}
