"""netaudit: audit your existing professional network from the data you can download.

Use from Python::

    import netaudit
    audit = netaudit.Audit(["Basic_LinkedInDataExport_11-20-2026.zip"])
    audit.network.people          # a pandas DataFrame, one row per person
    audit.summary.to_dict()       # the figures `netaudit analyze` prints
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netaudit.errors import NetauditError

__version__ = "0.1.0"
__all__ = ["Audit", "NetauditError", "Network", "__version__", "load"]

if TYPE_CHECKING:
    from netaudit.audit import Audit
    from netaudit.importers import load
    from netaudit.model import Network


def __getattr__(name: str) -> Any:
    # Lazy so that `import netaudit` (and `netaudit --help`) does not pull in pandas.
    if name == "Audit":
        from netaudit.audit import Audit

        return Audit
    if name == "load":
        from netaudit.importers import load

        return load
    if name == "Network":
        from netaudit.model import Network

        return Network
    raise AttributeError(f"module 'netaudit' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The public names (lazy ones included) for tab completion, not the typing leftovers.
    return sorted(__all__)
