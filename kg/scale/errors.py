"""Errors of parallel and distributed builds (codes E200–E209)."""

from __future__ import annotations

from kg.errors import KGError


class ScaleError(KGError):
    """Worker processes or a Dask cluster cannot be used."""


class ScaleErrors:
    """Error messages, by code. Use `ScaleErrors.E200.format(...)`."""

    E200 = ("E200 --jobs {jobs}: the number of worker processes must be at least 1 "
            "(--jobs 0 means one per core).")
    E201 = ("E201 --dask needs the Dask distributed scheduler, which is not installed ({why}). "
            "Install it with: pip install 'dask[distributed]'.")
    E202 = ("E202 cannot reach the Dask scheduler at {address} ({why}). Check that `dask scheduler` runs "
            "there and the port is open, or use --dask local.")
    E203 = ("E203 a worker process failed ({why}). Run again with --jobs 1 to see the document that "
            "causes it.")
    E204 = ("E204 --dask {address}: not a scheduler address. Use 'local' or tcp://host:8786.")
