"""The healthy control: the same API as seed 002, written the way the seed's fix says.

One shared `httpx.AsyncClient` (a pool of kept-alive connections, timeouts on every call), the
upstream awaited on the event loop, and the hashing sent to a thread pool far larger than the
load needs. Under the same load as seed 002 requests take about the upstream's delay, `/health`
answers at once, and `py-spy dump` shows the MainThread idle in the selector and the pool
threads idle in `_worker`: nothing for a diagnosis to report.

Run (Debian's python, which has fastapi, uvicorn and httpx):
    UPSTREAM_URL=http://127.0.0.1:PORT /usr/bin/python3 -m uvicorn app:app --port N
"""

import asyncio
import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi import FastAPI
from labroutes import add_lab_routes  # test/lab/common, on PYTHONPATH

UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9101")
SCORE_ROUNDS = int(os.environ.get("SEED002_SCORE_ROUNDS", "20000"))
POOL_SIZE = 16  # the load runs 8 clients: the pool is never full

app = FastAPI()
add_lab_routes(app)
pool = ThreadPoolExecutor(POOL_SIZE, thread_name_prefix="score")
client: "httpx.AsyncClient | None" = None


def score(body: bytes) -> str:
    # hashlib releases the GIL while it hashes: the pool threads do not starve the loop.
    return hashlib.pbkdf2_hmac("sha256", body, b"seed002", SCORE_ROUNDS).hex()[:16]


def started(barrier: threading.Barrier) -> None:
    barrier.wait()


@app.on_event("startup")
async def open_client() -> None:
    global client
    # Start every pool thread now, not under load: a dump then never catches the pool growing.
    barrier = threading.Barrier(POOL_SIZE)
    for _ in range(POOL_SIZE):
        pool.submit(started, barrier)
    client = httpx.AsyncClient(
        timeout=httpx.Timeout(5.0, connect=2.0),
        limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
    )


@app.on_event("shutdown")
async def close_client() -> None:
    if client is not None:
        await client.aclose()


@app.get("/api/search")
async def search(q: str = "shoes") -> dict:
    assert client is not None, "startup opens the client"
    response = await client.get(f"{UPSTREAM_URL}/search", params={"q": q})
    digest = await asyncio.get_running_loop().run_in_executor(pool, score, response.content)
    return {"q": q, "score": digest}
