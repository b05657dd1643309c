"""Frozen-app entry point: the same ``main`` as ``python -m tr_journal`` and ``tr-journal``."""

from tr_journal.cli import main

raise SystemExit(main())
