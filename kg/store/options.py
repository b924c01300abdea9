"""The `--store…` options every store command shares, and opening the store they name.

(Click glue kept beside the store so that the commands stay one short module each.)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from kg.store import ENV_PASSWORD, ENV_STORE, ENV_USER, GraphStore, default_location, open_store


@dataclass(frozen=True)
class StoreOptions:
    """What the user said about the store."""

    store: str | None = None
    update_url: str | None = None
    user: str | None = None
    password: str | None = None

    @property
    def explicit(self) -> bool:
        """True when the user chose the store (`--store` or `$GEOKG_STORE`), not the default."""
        return bool(self.store) or bool(os.environ.get(ENV_STORE, "").strip())

    @property
    def location(self) -> str:
        """The folder or URL that will be opened."""
        return self.store or default_location()

    def open(self, *, create: bool = True, base_iri: str | None = None) -> GraphStore:
        """Open the store (raises `StoreError` with a coded one-line message)."""
        return open_store(self.location, base_iri=base_iri, create=create, update_url=self.update_url,
                          user=self.user, password=self.password)


def store_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add `--store`, `--store-update-url`, `--store-user`, `--store-password`; the command
    receives them as one `store: StoreOptions` argument."""

    @click.option("--store", "store_", default=None, metavar="PATH|URL",
                  help="Store folder, or a SPARQL 1.1 endpoint URL (http://host:port/sparql). "
                       f"Default: ${ENV_STORE}, else ~/.local/share/geokg/store.")
    @click.option("--store-update-url", default=None, metavar="URL",
                  help="SPARQL Update endpoint, when it differs from the query URL.")
    @click.option("--store-user", default=None, envvar=ENV_USER, help=f"User for the SPARQL server (or ${ENV_USER}).")
    @click.option("--store-password", default=None, envvar=ENV_PASSWORD,
                  help=f"Password for the SPARQL server (or ${ENV_PASSWORD}).")
    @functools.wraps(func)
    def wrapper(*args: Any, store_: str | None, store_update_url: str | None, store_user: str | None,
                store_password: str | None, **kwargs: Any) -> Any:
        options = StoreOptions(store_, store_update_url, store_user, store_password)
        return func(*args, store=options, **kwargs)

    return wrapper
