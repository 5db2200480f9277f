"""The routes every FastAPI lab service answers for the lab itself (test/lab/*.ts waits on them).

  /health   {"status": "ok"}, at once unless the service itself is stuck
  /api/pid  {"pid": N}: the process serving, so the lab knows which pid to hand to py-spy
"""

import os

from fastapi import FastAPI


def add_lab_routes(app: FastAPI) -> None:
    @app.get("/api/pid")
    async def pid() -> dict:
        return {"pid": os.getpid()}

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}
