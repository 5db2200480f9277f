"""Seed 000: a FastAPI/uvicorn service whose asyncio.to_thread pool fights for the GIL.

The incident (seeds/000): an async endpoint wraps a third-party SDK's *blocking* HTTP call in
`asyncio.to_thread`. Each pool thread then works through the response in pure Python, holding the
GIL. Under load the one uvicorn process saturates one core (a 2-core host's monitoring shows
~50 %), `py-spy dump` lists ~20 `asyncio_N` threads in `concurrent/futures/thread.py _worker`,
`py-spy top --gil` shows the GIL held ~100 % of the time, and requests take seconds.

Run (Debian's python, which has fastapi):
    UPSTREAM_URL=http://127.0.0.1:PORT /usr/bin/python3 -m uvicorn app:app \
        --host 127.0.0.1 --port N --workers 1
"""

import asyncio
import hashlib
import json
import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI

UPSTREAM_URL = os.environ.get("UPSTREAM_URL", "http://127.0.0.1:9101")
# Python's default is min(32, cores + 4): 6 threads on the seed's 2-core VPS. The seed's dump
# showed 23 threads; a pool of 20 gives the same picture.
POOL_SIZE = int(os.environ.get("SEED000_POOL_SIZE", "20"))
# Rounds over the positions in each response: ~200 ms of CPU per request on a 2020s core.
SUMMARY_ROUNDS = int(os.environ.get("SEED000_SUMMARY_ROUNDS", "1000"))

app = FastAPI()


class ExchangeClient:
    """Stands in for the vendor SDK: synchronous, one blocking HTTP request per call."""

    def get_user_state(self, address: str) -> dict:
        url = f"{UPSTREAM_URL}/info?user={address}"
        with urllib.request.urlopen(url, timeout=30) as response:
            state = json.loads(response.read())
        return summarize(state["positions"])


def summarize(positions: list) -> dict:
    """Pure-Python work on the SDK's answer: it holds the GIL the whole time."""
    exposure = 0.0
    digest = b""
    for _ in range(SUMMARY_ROUNDS):
        for position in positions:
            exposure += float(position["szi"]) * float(position["entryPx"])
            digest = hashlib.sha256(digest + position["coin"].encode()).digest()
    return {"positions": len(positions), "exposure": exposure, "digest": digest.hex()[:16]}


client = ExchangeClient()


@app.on_event("startup")
async def use_a_big_default_pool() -> None:
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(POOL_SIZE, thread_name_prefix="asyncio"))


@app.get("/api/report")
async def report(user: str = "0xleader") -> dict:
    # The bug: a blocking SDK call pushed into the default pool, once per request.
    state = await asyncio.to_thread(client.get_user_state, user)
    return {"user": user, **state}


@app.get("/api/pid")
async def pid() -> dict:
    return {"pid": os.getpid()}


@app.get("/health")
async def health() -> dict:
    return {"status": "ok"}
