"""The report's words: English msgids marked for gettext, with a built-in French fallback.

The report must exist in French and English at least (design §5) even before the gettext
catalogs are written; once a catalog translates a string, the catalog wins.
"""

from __future__ import annotations

from tr_journal.errors import N_
from tr_journal.i18n import _, current_language

FIELD_LABELS = {
    "occurred_at": N_("When it happened"), "timezone": N_("Time zone"),
    "duration_seconds": N_("Duration (seconds)"), "recorded_at": N_("Logged at"),
    "channel": N_("Channel"), "direction": N_("Direction"),
    "caller_number": N_("Number as displayed"), "caller_number_e164": N_("Number (E.164)"),
    "caller_account": N_("Account"), "caller_name": N_("Name given"),
    "claimed_identity": N_("Identity claimed"), "caller_language": N_("Language spoken"),
    "demands": N_("Demands"), "demands_text": N_("Demands (details)"),
    "threats": N_("Threats"), "threats_text": N_("Threats (details)"), "offers": N_("Offers"),
    "people_mentioned": N_("People mentioned"), "witnesses": N_("Witnesses"),
    "response": N_("Response"), "reported_to": N_("Reported to"),
    "reported_on": N_("Reported on"), "report_reference": N_("Report reference"),
    "report_officer": N_("Officer"), "recording_method": N_("How it was recorded"),
    "narrative": N_("Narrative"), "tags": N_("Tags"),
}

_FRENCH = {
    "When it happened": "Date et heure des faits", "Time zone": "Fuseau horaire",
    "Duration (seconds)": "Durée (secondes)", "Logged at": "Consigné le",
    "Channel": "Canal", "Direction": "Sens", "Number as displayed": "Numéro affiché",
    "Number (E.164)": "Numéro (E.164)", "Account": "Compte", "Name given": "Nom donné",
    "Identity claimed": "Identité revendiquée", "Language spoken": "Langue parlée",
    "Demands": "Demandes", "Demands (details)": "Demandes (détails)", "Threats": "Menaces",
    "Threats (details)": "Menaces (détails)", "Offers": "Offres",
    "People mentioned": "Personnes mentionnées", "Witnesses": "Témoins",
    "Response": "Réponse", "Reported to": "Signalé à", "Reported on": "Signalé le",
    "Report reference": "Référence du signalement", "Officer": "Agent",
    "How it was recorded": "Mode d'enregistrement", "Narrative": "Récit", "Tags": "Étiquettes",
    "Evidence bundle": "Lot de preuves", "Export id": "Identifiant de l'export",
    "Exported at (UTC, device clock)": "Exporté le (UTC, horloge de l'appareil)",
    "Signing key fingerprint": "Empreinte de la clé de signature",
    "Export record SHA-256": "SHA-256 de l'enregistrement d'export",
    "Entries disclosed": "Entrées communiquées", "Original files": "Fichiers originaux",
    "Events in the chain": "Événements dans la chaîne",
    "Tag-manifest SHA-256": "SHA-256 du tagmanifest",
    "cover-note": "Le SHA-256 du fichier tagmanifest-sha256.txt ne peut pas figurer dans un "
                  "fichier qu'il couvre : il est affiché par l'export et par la vérification. "
                  "L'enregistrement d'export ci-dessus (data/custody/export.json) est lié à "
                  "la chaîne d'événements et couvre les entrées et les originaux.",
    "Chronological table": "Tableau chronologique", "Local time": "Heure locale",
    "UTC": "UTC", "Number": "Numéro", "Exhibits": "Pièces", "Entry": "Entrée",
    "Revision history": "Historique des révisions", "Revision": "Révision",
    "Saved at (UTC)": "Enregistrée le (UTC)", "Name": "Nom", "Type": "Type",
    "Size (bytes)": "Taille (octets)", "bytes": "octets",
    "File in the bundle": "Fichier dans le lot",
    "Custody timeline": "Chronologie de la chaîne de possession", "Time (UTC)": "Heure (UTC)",
    "Event": "Événement", "Subject": "Objet", "Content SHA-256": "SHA-256 du contenu",
    "not disclosed": "non communiqué",
    "Declared and certified times": "Heures déclarées et heures certifiées",
    "time-note": "Toutes les heures de ce rapport sont déclarées : elles viennent de "
                 "l'horloge de l'appareil de la personne. Aucune n'est certifiée par une "
                 "autorité d'horodatage (RFC 3161). Un horodatage certifié pourra être ajouté "
                 "dans le dossier signatures/ sans modifier le lot.",
    "What the checks prove": "Ce que prouvent les vérifications",
    "proves": "Les fichiers du lot sont exactement ceux exportés, signés par la clé dont "
              "l'empreinte figure en couverture ; chaque entrée et chaque original "
              "correspond à l'empreinte enregistrée dans la chaîne d'événements au moment "
              "où il a été saisi, et la chaîne n'a pas été réordonnée ni modifiée.",
    "What they do not prove": "Ce qu'elles ne prouvent pas",
    "not-proves": "Elles ne prouvent pas que les heures déclarées sont exactes, que le "
                  "contenu est véridique, ni qui utilisait l'appareil ; la signature ne "
                  "rattache le lot à la personne que si l'empreinte correspond à la carte "
                  "de clé remise en main propre.",
    "How to verify": "Comment vérifier",
    "verify-intro": "Dans un terminal ouvert dans le dossier du lot (sous Windows : "
                    "cmd.exe, pas PowerShell) :",
    "Current text": "Texte actuel", "Changed": "Modifié", "Entries": "Entrées",
}


def t(message: str) -> str:
    """Translate with gettext; fall back to the built-in French table for French reports."""
    translated = _(message)
    if translated == message and current_language() == "fr":
        return _FRENCH.get(message, message)
    return translated


ENGLISH_LONG = {
    "cover-note": N_("The SHA-256 of tagmanifest-sha256.txt cannot appear inside a file it "
                  "covers: the export and the verification print it. The export record above "
                  "(data/custody/export.json) is linked into the event chain and covers the "
                  "entries and the originals."),
    "time-note": N_("Every time in this report is declared: it comes from the clock of the "
                 "person's device. None is certified by a timestamp authority (RFC 3161). A "
                 "certified timestamp can be added later in the signatures/ folder without "
                 "changing the bundle."),
    "proves": N_("The files of the bundle are exactly those exported, signed by the key whose "
              "fingerprint is on the cover; each entry and each original matches the hash "
              "recorded in the event chain when it was logged, and the chain was neither "
              "reordered nor altered."),
    "not-proves": N_("They do not prove that the declared times are right, that the content is "
                  "true, or who used the device; the signature ties the bundle to the person "
                  "only if the fingerprint matches the key card handed over in person."),
    "verify-intro": N_("In a terminal opened in the bundle's folder (on Windows: cmd.exe, not "
                    "PowerShell):"),
}


def long_text(key: str) -> str:
    """Paragraphs keyed by a short id; the English text is the gettext msgid."""
    english = ENGLISH_LONG[key]
    translated = _(english)
    if translated == english and current_language() == "fr":
        return _FRENCH[key]
    return translated
