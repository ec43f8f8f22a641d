"""TEST-ONLY fault injection for the executors, off unless the environment variable is set.

With ``ND30CHECK_TEST_FAULT="hang:NAME,kill:NAME"`` the worker checking a file whose path
contains NAME sleeps forever or kills itself with SIGKILL, so end-to-end tests (the batch, the
web server started as a subprocess) can show that one stuck or dead worker does not stop a run.
``slow:NAME`` takes half a second more (a run still in flight when a test kills a Dask worker);
``kill-parent:NAME`` kills the process that started the check (a Dask worker lost with its file).
Production runs never set it. Called by :func:`nd30check.executor.run_task`, the one function
every executor runs per file.
"""

from __future__ import annotations

import os
import time

VARIABLE = "ND30CHECK_TEST_FAULT"


def inject(path: str) -> None:
    spec = os.environ.get(VARIABLE)
    if not spec:
        return
    for item in spec.split(","):
        what, _, name = item.partition(":")
        if name and name in path:
            if what == "hang":
                time.sleep(3600)
            elif what == "slow":
                time.sleep(0.5)
            elif what in ("kill", "kill-parent"):
                import signal

                os.kill(os.getpid() if what == "kill" else os.getppid(), signal.SIGKILL)
