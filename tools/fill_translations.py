"""Fill empty Dutch translations from JSON files of {msgid: msgstr} (helpers' and mine).

    python tools/fill_translations.py FILE.json...

Only EMPTY entries are filled, so a reviewed translation is never overwritten. Run
``tools/update_catalogue.py`` before (to extract the new messages) and after (to compile).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
from update_catalogue import PO  # noqa: E402


def main(files: list[str]) -> int:
    wanted: dict[str, object] = {}
    for name in files:
        wanted.update(json.loads(Path(name).read_text(encoding="utf-8")))
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key not in wanted:
            continue
        value = wanted[key]
        if isinstance(message.id, tuple):
            if not any(message.string):
                message.string = tuple(value) if isinstance(value, list) else (value, value)
                filled += 1
        elif not message.string:
            message.string = value if isinstance(value, str) else value[0]
            filled += 1
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    missing = [
        m.id
        for m in catalog
        if m.id and not (any(m.string) if isinstance(m.id, tuple) else m.string)
    ]
    print(f"filled {filled}; still empty {len(missing)}")
    for msgid in missing:
        print("  ", msgid)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
