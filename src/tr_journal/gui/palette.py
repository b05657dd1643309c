"""The app's few colours, named by what they say (each was written out where it was used).

Contrast: each text colour is at least 4.5:1 on a white window (WCAG AA), and white text is at
least that on the two banner backgrounds.
"""

from __future__ import annotations

PROBLEM = "#b00020"  # a refusal, a wrong passphrase, something to fix before going on
GOOD = "#1b5e20"  # a check that passed
NOTICE = "#1565c0"  # information the person should read (a restored draft)
QUIET = "#546e7a"  # captions and hints

#: the passphrase strength bar, from "very weak" to "very strong" (zxcvbn's 0–4)
STRENGTH = (PROBLEM, "#d84315", "#f9a825", "#2e7d32", GOOD)

PROBLEM_TEXT = f"color: {PROBLEM};"
BANNER = "color: white; background: {}; padding: 8px; border-radius: 4px;"
#: a warning the person should weigh before going on (the verify dialog's "author unproven",
#: a whole phone export in a selection); black on amber is 10:1
CAUTION_BANNER = "color: black; background: #ffb300; padding: 8px; border-radius: 4px;"
