"""Seed 003's logging loop: Python 2.7.5's rotating-file bug (bpo-18940) in a logging observer
that reports its own failures through itself.

In the seed, a Twisted service logged through one observer that sent each record to syslog and
wrote it to a rotating file. Rolling over renamed a file that was not there (Python 2.7.5 does
not check that it exists); the publisher reported the broken observer through the same
observers, which failed again. `strace -p` showed `sendto(...)` then
`rename(...) = -1 ENOENT`, over and over, and the process hardly served its requests.

Here: SyslogOverUdp sends each record with `sendto` to a UDP socket this process binds and never
reads (the kernel drops what overflows; sendto still succeeds). Rotating275 rolls over on every
record and renames LOG -> LOG.1 without checking that LOG exists; it never does, since the
failed rollover comes before the first write. The Publisher turns each failure into a new record.
"""

import os
import socket
import threading
import time

# Records handled between two short pauses: thousands of sendto + rename a second, for a
# fraction of a core, so that the lab does not starve the machine it runs on.
BATCH = 50
PAUSE_SECONDS = 0.01


class SyslogOverUdp:
    def __init__(self) -> None:
        self.sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sink.bind(("127.0.0.1", 0))
        self.address = self.sink.getsockname()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

    def emit(self, record: str) -> None:
        self.sock.sendto(b"<14>" + record.encode(), self.address)


class Rotating275:
    """RotatingFileHandler with maxBytes=1, backupCount=1, delay=True, as Python 2.7.5 rolls over."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.stream = None  # delay=True: opened at the first write

    def emit(self, record: str) -> None:
        self.do_rollover()  # maxBytes=1: every record rolls the file over first
        if self.stream is None:
            self.stream = open(self.path, "a")
        self.stream.write(record + "\n")

    def do_rollover(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        os.rename(self.path, self.path + ".1")  # 2.7.5: no os.path.exists() first (bpo-18940)


class Publisher:
    def __init__(self, log_path: str) -> None:
        self.observers = [SyslogOverUdp(), Rotating275(log_path)]
        self.lock = threading.Lock()  # one observer chain, as in the seed's single reactor thread

    def publish(self, record: str, until: float = float("inf")) -> None:
        """Emits `record`; each failure becomes a record too, so this returns only at `until`."""
        pending = [record]
        while pending and time.monotonic() < until:
            with self.lock:
                for _ in range(BATCH):
                    if not pending:
                        break
                    self.emit(pending.pop(), pending)
            time.sleep(PAUSE_SECONDS)

    def emit(self, record: str, pending: list) -> None:
        for observer in self.observers:
            try:
                observer.emit(record)
            except OSError as err:
                name = type(observer).__name__
                pending.append(f"Temporarily disabling observer {name} due to exception: {err!r}")

    def start_endless(self, name: str) -> None:
        """The observer's own loop, endless from the first record on."""
        threading.Thread(
            target=self.publish, args=(f"{name} started",), name="log-observer", daemon=True
        ).start()
