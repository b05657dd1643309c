"""Issue 12, item 3: text from a bundle never reaches the terminal raw.

A member name carrying ESC sequences could erase the NOT VALID line and paint "VALID" in its
place; a right-to-left override could reverse what a name says. The command line escapes them
at its printing helpers, whatever the message.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.evidence.conftest import Bundle
from tests.helpers import run_cli
from tr_journal.untrusted import escape_for_terminal, escape_json_text, one_line

#: Cursor up, erase line, carriage return, green "VALID", reset; then a bidi override.
REPAINT = "\x1b[1A\x1b[2K\r\x1b[32mVALID\x1b[0m\u202egpj.exe\x9b"


def test_escaping_rules() -> None:
    assert escape_for_terminal("a\tb\nc") == "a\tb\nc"
    assert escape_for_terminal("\x1b[2K\r\x00\x7f\x85\x9b") == "\\x1b[2K\\x0d\\x00\\x7f\\x85\\x9b"
    assert escape_for_terminal("\u202a\u202e\u2066\u2069\u200e\u200f\u061c") == (
        "\\u202a\\u202e\\u2066\\u2069\\u200e\\u200f\\u061c"
    )
    assert escape_for_terminal("ئۇيغۇرچە 中文 Türkçe") == "ئۇيغۇرچە 中文 Türkçe"
    assert one_line("a\nb\tc") == "a\\nb\\tc"
    raw = json.dumps({"name": REPAINT}, ensure_ascii=False)
    escaped = escape_json_text(raw)
    assert json.loads(escaped) == {"name": REPAINT}
    assert not any(ch in escaped for ch in "\x1b\r\u202e\x9b")


def _with_hostile_member(bundle: Bundle, out: Path) -> Path:
    with zipfile.ZipFile(bundle.zip) as src, zipfile.ZipFile(out, "w") as dst:
        top = src.namelist()[0].split("/", 1)[0]
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(f"{top}/data/{REPAINT}.txt", b"x")
    return out


def test_member_name_is_printed_escaped(bundle: Bundle, tmp_path: Path) -> None:
    path = _with_hostile_member(bundle, tmp_path / "hostile.zip")
    done = run_cli("verify", str(path))
    assert done.returncode == 1
    assert done.stdout.startswith("NOT VALID")
    for raw in ("\x1b", "\r", "\u202e", "\x9b"):
        assert raw not in done.stdout + done.stderr
    assert "\\x1b[1A\\x1b[2K\\x0d\\x1b[32mVALID" in done.stdout
    assert "\\u202egpj.exe\\x9b" in done.stdout


def test_member_name_in_json_is_escaped_as_json(bundle: Bundle, tmp_path: Path) -> None:
    path = _with_hostile_member(bundle, tmp_path / "hostile.zip")
    done = run_cli("verify", str(path), "--json")
    assert done.returncode == 1
    for raw in ("\x1b", "\r", "\u202e", "\x9b"):
        assert raw not in done.stdout
    assert "\\u001b[1A" in done.stdout and "\\u202e" in done.stdout
    details = " ".join(c["detail"] for c in json.loads(done.stdout)["checks"])
    assert REPAINT in details  # the JSON reader gets the name exactly


def test_a_name_cannot_start_a_line_of_its_own(bundle: Bundle, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle.zip) as src, zipfile.ZipFile(tmp_path / "n.zip", "w") as dst:
        top = src.namelist()[0].split("/", 1)[0]
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(f"{top}/data/x\n\nVALID: all is well\n.txt", b"x")
    done = run_cli("verify", str(tmp_path / "n.zip"))
    assert "\nVALID" not in done.stdout and "x\\n\\nVALID: all is well\\n.txt" in done.stdout


def test_the_command_line_prints_only_through_its_escaping_helpers() -> None:
    """The rule holds for commands written later: no raw write to the terminal in cli/ but the
    helpers (common.say/warn/print_json, the error line) and the recovery key's own writer."""
    import ast

    import tr_journal.cli as cli

    allowed = {
        ("common.py", "say"),
        ("common.py", "warn"),
        ("common.py", "print_json"),
        ("parser.py", "complain"),
        ("vault_cmds.py", "_write_out"),
    }
    found = []
    for path in sorted(Path(cli.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            for node in ast.walk(function):
                text = ast.unparse(node) if isinstance(node, ast.Call) else ""
                if text.startswith(("print(", "sys.stdout.write(", "sys.stderr.write(")) and (
                    (path.name, function.name) not in allowed
                ):
                    found.append(f"{path.name}:{function.name}: {text[:60]}")
    assert found == []
