"""One BLAS thread in a command's process: OpenBLAS's idle worker spins for 0.1 s of CPU.

numpy's wheels come with OpenBLAS. When numpy is imported, OpenBLAS starts one worker thread
per further core. Each worker busy-waits for work before it goes to sleep. On this project's
2-core machine, that worker took 0.10 s of CPU in every command, and netaudit never gave it
any work. Measured in fresh processes:
- ``python -c "import numpy"`` took 0.14-0.16 s of user time, and 0.04-0.07 s with
  ``OPENBLAS_NUM_THREADS=1``;
- in ``analyze`` and ``report`` on the benchmark export, the per-thread counters
  (/proc/self/task) gave the worker 0.10 s in each command.

netaudit's matrices are small (chart transforms, a 150-node map layout), and a BLAS thread
would not shorten any of its commands.

Only the command line asks for this, before numpy is imported; a notebook that imports
netaudit keeps its own setting. A thread count the user chose is kept: any of the variables
OpenBLAS reads (:data:`BLAS_THREAD_VARIABLES`). Child processes inherit the setting; the
workers of ``netaudit batch`` should. Nothing of netaudit is imported here.
"""

from __future__ import annotations

import os
import sys

#: The variables OpenBLAS reads for its thread count, first match wins.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def one_blas_thread() -> bool:
    """Tell OpenBLAS to start no worker thread (``OPENBLAS_NUM_THREADS=1``). True when set
    now; False when numpy is loaded already (too late) or the user set a thread count.

    >>> isinstance(one_blas_thread(), bool)
    True
    """
    if "numpy" in sys.modules or any(name in os.environ for name in BLAS_THREAD_VARIABLES):
        return False
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    return True
