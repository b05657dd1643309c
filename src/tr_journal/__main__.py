"""``python -m tr_journal`` runs the command line (which opens the GUI when asked)."""

from tr_journal.cli import main

raise SystemExit(main())
