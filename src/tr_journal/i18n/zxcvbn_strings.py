"""The feedback sentences of the zxcvbn strength estimator, marked for our catalogs.

zxcvbn returns English sentences ("Avoid sequences."); the passphrase-strength widgets pass
them through ``_()``. Listing them here with ``N_`` puts them in every catalog, so a Uyghur
user creating a vault reads why a passphrase is weak in Uyghur. The texts must stay
byte-identical to zxcvbn's own (``zxcvbn/feedback.py``); tests/i18n checks that.
"""

from __future__ import annotations

from tr_journal.errors import N_

ZXCVBN_FEEDBACK = (
    N_("Use a few words, avoid common phrases."),
    N_("No need for symbols, digits, or uppercase letters."),
    N_("Add another word or two. Uncommon words are better."),
    N_("Straight rows of keys are easy to guess."),
    N_("Short keyboard patterns are easy to guess."),
    N_("Use a longer keyboard pattern with more turns."),
    N_('Repeats like "aaa" are easy to guess.'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    N_("Avoid repeated words and characters."),
    N_('Sequences like "abc" or "6543" are easy to guess.'),
    N_("Avoid sequences."),
    N_("Recent years are easy to guess."),
    N_("Avoid recent years."),
    N_("Avoid years that are associated with you."),
    N_("Dates are often easy to guess."),
    N_("Avoid dates and years that are associated with you."),
    N_("This is a top-10 common password."),
    N_("This is a top-100 common password."),
    N_("This is a very common password."),
    N_("This is similar to a commonly used password."),
    N_("A word by itself is easy to guess."),
    N_("Names and surnames by themselves are easy to guess."),
    N_("Common names and surnames are easy to guess."),
    N_("Capitalization doesn't help very much."),
    N_("All-uppercase is almost as easy to guess as all-lowercase."),
    N_("Reversed words aren't much harder to guess."),
    N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
    # the app's own first reason (gui/dialogs/create_vault.py), until it is marked there
    N_("Use at least 10 characters; a few unrelated words are best."),
)
