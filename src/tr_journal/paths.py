"""Where things live on disk: the vault folder (platformdirs, ``--vault``, ``TR_JOURNAL_VAULT``)."""

from __future__ import annotations

import os
from pathlib import Path

from tr_journal import APP_NAME

VAULT_ENV = "TR_JOURNAL_VAULT"


def default_vault_dir() -> Path:
    import platformdirs  # lazy: not needed with --vault (bench/)

    return Path(platformdirs.user_data_dir(APP_NAME)) / "vault"


def resolve_vault_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The vault folder: the explicit argument, else ``$TR_JOURNAL_VAULT``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(VAULT_ENV)
    if env:
        return Path(env).expanduser()
    return default_vault_dir()


def config_dir() -> Path:
    import platformdirs  # lazy: not needed with --vault (bench/)

    return Path(platformdirs.user_config_dir(APP_NAME))
