"""Patterns across entries: callers, incidents over time, demands against threats (issue 17).

No Qt here: the CLI's ``stats``, the desktop app's patterns view and the dossier all read the
same figures and draw the same chart (:mod:`tr_journal.patterns.chart`).
"""
