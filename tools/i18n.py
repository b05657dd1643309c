#!/usr/bin/env python3
"""Keep the translations in step with the source: extract -> update -> compile, or check.

    .venv/bin/python tools/i18n.py            extract the .pot, merge it into every .po, compile .mo
    .venv/bin/python tools/i18n.py --compile  only compile the .po files into .mo
    .venv/bin/python tools/i18n.py --check    fail (exit 1) if any string is missing, untranslated,
                                              fuzzy, has lost a {placeholder}, or a .mo is stale

Keywords: ``_``, ``ngettext:1,2``, ``N_`` and the report's ``t`` over ``src/tr_journal``, calls
inside f-strings included (the same rules as the tests in tests/i18n, which share
tr_journal.i18n.catalogs). New strings arrive untranslated
(no fuzzy guessing): translate them in the .po files, then run ``--compile``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from tr_journal.i18n import catalogs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--compile", action="store_true", help="only compile .po into .mo")
    group.add_argument("--check", action="store_true", help="report incomplete catalogs")
    parser.add_argument(
        "--lang",
        action="append",
        choices=catalogs.TARGETS,
        help="limit to these languages (default: all)",
    )
    args = parser.parse_args(argv)
    langs = args.lang or list(catalogs.TARGETS)
    if args.check:
        found = catalogs.all_problems(langs)
        for line in found:
            print(line)
        print(f"{len(found)} problem(s) in {', '.join(langs)}", file=sys.stderr)
        return 1 if found else 0
    if not args.compile:
        template = catalogs.extract()
        catalogs.write_template(template)
        print(f"{catalogs.TEMPLATE}: {len(template)} messages")
        for lang in langs:
            print(f"updated {catalogs.update(template, lang)}")
    for lang in langs:
        print(f"compiled {catalogs.compile_catalog(lang)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
