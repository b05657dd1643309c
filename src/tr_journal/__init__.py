"""tr-journal: an offline-first encrypted journal of transnational-repression incidents."""

__version__ = "0.1.0"
APP_ID = "org.trjournal.TrJournal"
APP_NAME = "tr-journal"
