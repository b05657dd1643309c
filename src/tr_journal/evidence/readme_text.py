"""LISEZ-MOI.txt and README.txt: what the bundle is and how to check it with standard tools.

These texts are for a lawyer who has never heard of tr-journal, so they use only commands that
ship with Linux, macOS and Windows 10+ (OpenSSH's ssh-keygen, sha256sum/shasum, certutil), and
cmd.exe rather than PowerShell, whose ``<`` redirection does not exist. Each file carries both
languages so that either one alone is enough. They are tag files, so they are signed too.
"""

from __future__ import annotations

from tr_journal.crypto.signing import EVIDENCE_NAMESPACE
from tr_journal.evidence.bag import ALLOWED_SIGNERS, SIGNATURE, SIGNER_IDENTITY, TAGMANIFEST

VERIFY = (f"ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I {SIGNER_IDENTITY} "
          f"-n {EVIDENCE_NAMESPACE} -s {SIGNATURE} < {TAGMANIFEST}")
VERIFY_WIN = VERIFY.replace("/", "\\")

_FR = """\
LOT DE PREUVES {export_id} — tr-journal
==========================================

Ce dossier est un « sac » BagIt 1.0 (RFC 8493) exporté d'un journal chiffré. Il contient les
fichiers originaux, identiques octet pour octet à ceux enregistrés (data/originals/), le journal
des entrées (data/journal/entries.json), toute la chaîne d'événements (data/journal/events.jsonl),
la traçabilité de l'export (data/custody/export.json) et un rapport lisible
(data/report/report.pdf et report.html).

Empreinte de la clé de signature : {fingerprint}
Comparez-la avec la carte de clé remise en main propre. Si elles diffèrent, le lot n'est pas
celui de la personne, même si toutes les vérifications ci-dessous réussissent.

Vérification (ouvrez un terminal DANS ce dossier) :

Linux
  1. {verify}
     → doit afficher « Good "{namespace}" signature for {identity} ».
  2. sha256sum -c {tagmanifest}     → chaque ligne doit finir par « OK ».
  3. sha256sum -c manifest-sha256.txt  → chaque ligne doit finir par « OK ».

macOS 12 ou plus récent (Terminal)
  1. la même commande ssh-keygen qu'à l'étape 1 ci-dessus ;
  2. shasum -a 256 -c {tagmanifest}
  3. shasum -a 256 -c manifest-sha256.txt

Windows 10/11 (Invite de commandes cmd.exe, PAS PowerShell ; « ssh -V » doit afficher
OpenSSH 8.1 ou plus récent, sinon mettez Windows à jour)
  1. {verify_win}
  2. et 3. pour chaque ligne des deux manifestes :
     certutil -hashfile <chemin> SHA256
     puis comparez l'empreinte affichée à celle de la ligne.

Ce que cela prouve : les fichiers n'ont pas été modifiés depuis l'export et ont été signés par
la clé dont l'empreinte figure ci-dessus. Ce que cela ne prouve pas : que les heures déclarées
par l'appareil sont exactes, ni qui tenait l'appareil.

"""

_EN = """\
EVIDENCE BUNDLE {export_id} — tr-journal
==========================================

This folder is a BagIt 1.0 bag (RFC 8493) exported from an encrypted journal. It holds the
original files, byte for byte as recorded (data/originals/), the journal entries
(data/journal/entries.json), the whole event chain (data/journal/events.jsonl), the export's
custody record (data/custody/export.json) and a readable report (data/report/report.pdf and
report.html).

Signing key fingerprint: {fingerprint}
Compare it with the key card handed over in person. If they differ, this bundle is not the
person's, even if every check below passes.

Verification (open a terminal IN this folder):

Linux
  1. {verify}
     → must print 'Good "{namespace}" signature for {identity}'.
  2. sha256sum -c {tagmanifest}     → every line must end with "OK".
  3. sha256sum -c manifest-sha256.txt  → every line must end with "OK".

macOS 12 or newer (Terminal)
  1. the same ssh-keygen command as step 1 above;
  2. shasum -a 256 -c {tagmanifest}
  3. shasum -a 256 -c manifest-sha256.txt

Windows 10/11 (Command Prompt cmd.exe, NOT PowerShell; "ssh -V" must show OpenSSH 8.1 or
newer, otherwise update Windows)
  1. {verify_win}
  2. and 3. for each line of both manifests:
     certutil -hashfile <path> SHA256
     then compare the printed hash with the one on the line.

What this proves: the files have not changed since the export and were signed by the key whose
fingerprint is above. What it does not prove: that the times declared by the device are right,
or who held the device.

"""


def _fill(template: str, export_id: str, fingerprint: str) -> str:
    return template.format(export_id=export_id, fingerprint=fingerprint, verify=VERIFY,
                           verify_win=VERIFY_WIN, namespace=EVIDENCE_NAMESPACE,
                           identity=SIGNER_IDENTITY, tagmanifest=TAGMANIFEST)


def readme_fr(export_id: str, fingerprint: str) -> str:
    """French first, then English: LISEZ-MOI.txt."""
    return _fill(_FR, export_id, fingerprint) + _fill(_EN, export_id, fingerprint)


def readme_en(export_id: str, fingerprint: str) -> str:
    """English first, then French: README.txt."""
    return _fill(_EN, export_id, fingerprint) + _fill(_FR, export_id, fingerprint)
