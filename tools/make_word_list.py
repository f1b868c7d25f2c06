"""Make ``models/rules/data/nl_words.txt.gz``: the ordinary Dutch words the Namer knows.

    apt-get install wdutch            # the OpenTaal word list, /usr/share/dict/dutch
    python tools/make_word_list.py    # writes models/rules/data/nl_words.txt.gz

The Namer asks one question of it: is this surname also an ordinary word ("Bakker", "Groen",
"Kok", "Meer")? Such a word starting a sentence may be the word, not the person, so it is
listed for review instead of replaced (``models/rules/lexicon.py``). Only lower-case entries count
(the list writes names with a capital), only letters, at most nine of them: surnames that are
words are short, and a longer rare word that happens to be a surname is more likely the
person. The OpenTaal word list is licensed BSD or CC BY 3.0 (see models/rules/data/README.md).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "models" / "rules" / "data" / "nl_words.txt.gz"
SOURCE = Path("/usr/share/dict/dutch")
LONGEST = 9
_WORD = re.compile(r"[a-zà-ÿ]+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source} is missing: apt-get install wdutch", file=sys.stderr)
        return 1
    lines = args.source.read_text(encoding="utf-8").splitlines()
    words = sorted({w for w in lines if len(w) <= LONGEST and _WORD.fullmatch(w)})
    # mtime=0: the same list gives the same bytes, so git sees no change.
    TARGET.write_bytes(gzip.compress(("\n".join(words) + "\n").encode("utf-8"), 9, mtime=0))
    print(f"{len(words)} words written to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
