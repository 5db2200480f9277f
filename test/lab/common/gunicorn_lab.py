"""gunicorn settings for the lab's gunicorn services (`gunicorn -c common/gunicorn_lab.py ...`).

The lab starts gunicorn's master with `setpriv --pdeathsig KILL`, so the master dies with the
test run even when that is killed outright; its workers are grandchildren and would live on
(a uvicorn worker never checks its parent). Each worker asks for the same signal when its
master dies.
"""

import ctypes
import signal

PR_SET_PDEATHSIG = 1


def post_fork(server, worker) -> None:  # gunicorn's hook, run in the new worker
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
