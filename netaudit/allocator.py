"""The C allocator told to keep freed memory for the next allocation, in a command's process.

A command allocates and frees the same large blocks again and again: each step of reading an
export makes columns of 500,000 values (4 MB of codes, 40 MB of text) and drops the ones it
no longer needs. glibc's malloc gives a block above its mmap threshold (128 KB, raised
only as blocks are freed) straight back to the system when it is freed, and trims the top of
its heap above 128 KB, so the next block of that size is new memory that the kernel must map
and zero page by page. On the benchmark export (500,000 messages) ``analyze`` took 147,000
page faults against 73,000 for pandas reading the same files, and up to a third of its CPU
time was system time (0.4-1.0 s), swinging with the load of the machine. Blocks up to 64 MB
now come from the heap, which keeps up to 128 MB of freed memory: 89,000 faults on the
folder, and a median system time of 0.31-0.45 s against 0.52-0.83 s in side-by-side runs.
Larger blocks (a 160 MB messages.csv inflated from a ZIP) are still mapped and given back
when freed: with a 256 MB threshold they stayed in the heap and the ZIP's peak rose from
760 MB to 930 MB. Issue 17.

It is a setting of the whole process, so only the command line makes it (a notebook that
imports netaudit keeps its own), and only where the C library is glibc: musl, macOS and
Windows have other allocators, left as they are. Nothing of netaudit is imported here.
"""

from __future__ import annotations

import sys

#: mallopt's parameters (malloc.h): M_TRIM_THRESHOLD, M_MMAP_THRESHOLD.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
#: Blocks below this come from the heap, which keeps them when freed.
MMAP_THRESHOLD = 64 * 1024 * 1024
#: The heap gives its free top back to the system only beyond this.
TRIM_THRESHOLD = 128 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Set glibc's mmap and trim thresholds (:data:`MMAP_THRESHOLD`,
    :data:`TRIM_THRESHOLD`) for this process. True when both were taken; False elsewhere
    (another C library, or no ``mallopt``), where nothing changes.

    >>> isinstance(keep_freed_memory(), bool)
    True
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import os

    try:
        # "glibc 2.36"; unknown names raise ValueError (musl).
        if not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
            return False
    except (ValueError, OSError):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    # The mmap threshold first: setting either turns off glibc's own adjustment of both.
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
