"""Sample exports built from the formats' documented layouts (docs/imports.md)."""

from __future__ import annotations

import base64
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

# 2026-12-05 21:40:12 UTC in epoch milliseconds
T0 = 1796506812000


def calls_xml(path: Path, calls: list[tuple[str, int, int, int, str]]) -> Path:
    """``calls-*.xml``: (number, duration, ms offset from T0, type, contact name)."""
    lines = [
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
        '<?xml-stylesheet type="text/xsl" href="calls.xsl"?>',
        f'<calls count="{len(calls)}" backup_set="0f1e" backup_date="{T0}" type="full">',
    ]
    for number, duration, offset, kind, name in calls:
        lines.append(
            f'  <call number={quoteattr(number)} duration="{duration}" '
            f'date="{T0 + offset}" type="{kind}" presentation="1" '
            f'subscription_id="1" post_dial_digits="" subscription_component_name='
            f'"com.android.phone/.TelephonyConnectionService" readable_date='
            f'"5 Dec 2026 21:40:12" contact_name={quoteattr(name)} />'
        )
    lines.append("</calls>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sms_xml(path: Path, image: bytes) -> Path:
    """``sms-*.xml``: two SMS (received, sent) and one MMS with a text and a JPEG part."""
    data = base64.b64encode(image).decode()
    path.write_text(
        f"""<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="3" backup_set="1a2b" backup_date="{T0}" type="full">
  <sms protocol="0" address="+8613912345678" date="{T0}" type="1" subject="null"
       body="Your mother asks you to call. &lt;police&gt;" toa="null" sc_toa="null"
       service_center="+8613800991500" read="1" status="-1" locked="0" date_sent="{T0}"
       sub_id="1" readable_date="5 Dec 2026 21:40:12" contact_name="(Unknown)" />
  <sms protocol="0" address="+8613912345678" date="{T0 + 60000}" type="2" subject="null"
       body="Who is this?" toa="null" sc_toa="null" service_center="null" read="1"
       status="-1" locked="0" date_sent="0" readable_date="5 Dec 2026 21:41:12"
       contact_name="(Unknown)" />
  <mms date="{T0 + 120000}" rr="null" sub="null" ct_t="application/vnd.wap.multipart.related"
       read_status="null" seen="1" msg_box="1" address="+8613912345678" sub_cs="null"
       resp_st="null" retr_st="null" d_tm="null" text_only="0" exp="null" locked="0"
       m_id="null" st="null" retr_txt_cs="null" retr_txt="null" creator="com.android.mms"
       date_sent="0" read="1" m_size="null" rpt_a="null" ct_cls="null" pri="null"
       sub_id="1" tr_id="null" resp_txt="null" ct_l="null" m_cls="null" d_rpt="null"
       v="null" _id="7" m_type="132" readable_date="5 Dec 2026 21:42:12"
       contact_name="Police">
    <parts>
      <part seq="-1" ct="application/smil" name="null" chset="null" cd="null" fn="null"
            cid="&lt;smil&gt;" cl="smil.xml" ctt_s="null" ctt_t="null"
            text="&lt;smil&gt;&lt;body&gt;&lt;/body&gt;&lt;/smil&gt;" />
      <part seq="0" ct="image/jpeg" name="IMG_0001.jpg" chset="null" cd="null" fn="null"
            cid="&lt;IMG_0001&gt;" cl="IMG_0001.jpg" ctt_s="null" ctt_t="null" text="null"
            data="{data}" />
      <part seq="1" ct="text/plain" name="null" chset="106" cd="null" fn="null"
            cid="&lt;text&gt;" cl="text_0.txt" ctt_s="null" ctt_t="null"
            text="This is your brother's house." />
    </parts>
    <addrs>
      <addr address="+8613912345678" type="137" charset="106" />
    </addrs>
  </mms>
</smses>
""",
        encoding="utf-8",
    )
    return path


ANDROID_24H_DMY = (
    "\n".join(
        [
            "05/12/2026, 21:40 - Messages and calls are end-to-end encrypted. No one outside of "
            "this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
            "05/12/2026, 21:40 - +86 139 1234 5678: Your father is waiting for your call.",
            "He is not well.",
            "05/12/2026, 21:41 - Ayşe: Who are you?",
            "05/12/2026, 21:42 - +86 139 1234 5678: PTT-20261205-WA0001.opus (file attached)",
            "13/12/2026, 08:05 - +86 139 1234 5678: <Media omitted>",
        ]
    )
    + "\n"
)

ANDROID_12H_MDY = """12/5/26, 9:40\u202fPM - Messages and calls are end-to-end encrypted.
12/5/26, 9:40\u202fPM - Officer Li: Stop posting.
12/13/26, 8:05\u202fAM - Officer Li: IMG-20261213-WA0002.jpg (file attached)
Look at this
"""

IOS_24H_YMD = """[2026-12-05 21:40:12] Chat: \u200eMessages and calls are end-to-end encrypted.
[2026-12-05 21:40:12] 王警官: 你爸爸在等你的电话
[2026-12-05 21:42:30] 王警官: \u200e<attached: 00000012-AUDIO-2026-12-05-21-42-30.opus>
[2026-12-06 07:00:01] Ayşe: Laissez-moi tranquille
"""

IOS_12H_DMY = """[05/12/2026, 9:40:12 PM] Polis: Stop it.
[13/12/2026, 8:05:00 AM] Polis: Last warning
"""


def whatsapp_zip(path: Path, chat: str, chat_name: str, media: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(chat_name, chat.encode("utf-8"))
        for name, data in media.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return path


def telegram_export(folder: Path, voice: bytes, photo: bytes) -> Path:
    (folder / "voice_messages").mkdir(parents=True)
    (folder / "photos").mkdir()
    (folder / "voice_messages" / "audio_1@05-12-2026_21-42-30.ogg").write_bytes(voice)
    (folder / "photos" / "photo_1@05-12-2026_21-43-00.jpg").write_bytes(photo)
    document = {
        "name": "Officer Wang",
        "type": "personal_chat",
        "id": 4242,
        "messages": [
            {
                "id": 1,
                "type": "service",
                "date": "2026-12-05T21:30:00",
                "date_unixtime": "1796506200",
                "actor": "Ayşe",
                "actor_id": "user1",
                "action": "create_group",
                "text": "",
                "text_entities": [],
            },
            {
                "id": 2,
                "type": "message",
                "date": "2026-12-05T21:40:12",
                "date_unixtime": "1796506812",
                "from": "Officer Wang",
                "from_id": "user777",
                "text": "Come to the consulate.",
                "text_entities": [{"type": "plain", "text": "Come to the consulate."}],
            },
            {
                "id": 3,
                "type": "message",
                "date": "2026-12-05T21:41:00",
                "date_unixtime": "1796506860",
                "from": "Officer Wang",
                "from_id": "user777",
                "text": ["See ", {"type": "link", "text": "https://example.org/x"}, " now"],
                "text_entities": [],
            },
            {
                "id": 4,
                "type": "message",
                "date": "2026-12-05T21:42:30",
                "date_unixtime": "1796506950",
                "from": "Officer Wang",
                "from_id": "user777",
                "file": "voice_messages/audio_1@05-12-2026_21-42-30.ogg",
                "media_type": "voice_message",
                "mime_type": "audio/ogg",
                "duration_seconds": 3,
                "text": "",
                "text_entities": [],
            },
            {
                "id": 5,
                "type": "message",
                "date": "2026-12-05T21:43:00",
                "date_unixtime": "1796507000",
                "from": "Officer Wang",
                "from_id": "user777",
                "photo": "photos/photo_1@05-12-2026_21-43-00.jpg",
                "width": 10,
                "height": 10,
                "text": "",
                "text_entities": [],
            },
            {
                "id": 6,
                "type": "service",
                "date": "2026-12-05T22:00:00",
                "date_unixtime": "1796508000",
                "actor": "Officer Wang",
                "actor_id": "user777",
                "action": "phone_call",
                "discard_reason": "missed",
                "text": "",
                "text_entities": [],
            },
        ],
    }
    path = folder / "result.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def telegram_chat(path: Path, name: str, kind: str, messages: list[tuple[str, str, str]]) -> Path:
    """A one-chat ``result.json`` (``kind`` ``personal_chat``/``private_group``...) whose
    messages are (sender, account, text); a text ``call:missed`` is a call that sender placed."""
    items: list[dict[str, object]] = []
    for number, (sender, account, text) in enumerate(messages, start=1):
        stamp = 1796506812 + 60 * number
        item: dict[str, object] = {"id": number, "date_unixtime": str(stamp)}
        if text.startswith("call:"):
            item.update(
                type="service",
                actor=sender,
                actor_id=account,
                action="phone_call",
                discard_reason=text.removeprefix("call:"),
                text="",
            )
        else:
            item.update(type="message", text=text)
            item["from"], item["from_id"] = sender, account
        items.append(item)
    document = {"name": name, "type": kind, "id": 77, "messages": items}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


#: A group chat: the export names no other party, so the person is unknown until chosen.
ANDROID_GROUP = (
    '05/12/2026, 21:39 - Officer Li created group "Hometown"\n'
    "05/12/2026, 21:40 - Officer Li: Come to the consulate on Monday.\n"
    "05/12/2026, 21:41 - Ayşe: Who are you?\n"
    "05/12/2026, 21:42 - +86 139 1234 5678: We know where your family lives.\n"
    "06/12/2026, 08:00 - Ayşe: Leave me alone.\n"
)
