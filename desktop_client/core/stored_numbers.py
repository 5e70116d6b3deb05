"""Numbers as people keep them in contact files, made readable for :func:`normalize`.

A tel: link from a web page is strict input (security.md: letters, ``,`` and ``#`` are
refused there). A number in an address book is not an attack but a note someone typed:
``'+43150165-0`` (Excel's text marker), ``044 668 18 00 int. 123``, ``… Int. 12``,
``… #12``, ``…, 12`` or ``… poste 12``. The extension words become the ``ext.`` form the
number parser reads; everything else is left for the parser to judge.
"""

from __future__ import annotations

import re

# An extension written after the number: "int. 12", "intern 12", "Apparat 12", "poste 12",
# "#12", ", 12", "; 12". The number before it must end in a digit or a closing bracket.
_WRITTEN_EXTENSION = re.compile(
    r"(?<=[0-9)])\s*(?:,|;|#|(?:\b(?:int|intern|interne|internal|apparat|app|poste|tel\.?\s*int"
    r"|klappe|nst|nebenstelle)\b\.?))\s*:?\s*([0-9]{1,6})\s*$",
    re.IGNORECASE,
)
# Excel: '+41 44 … (a number kept as text) or ="+41 44 …" (a formula that is text).
_EXCEL_FORMULA = re.compile(r'^="(.*)"$')


def stored_number_text(raw: str) -> str:
    """The text of a stored number in a form the number parser understands."""
    text = raw.strip()
    formula = _EXCEL_FORMULA.match(text)
    if formula is not None:
        text = formula.group(1).strip()
    text = text.removeprefix("'").strip()
    match = _WRITTEN_EXTENSION.search(text)
    if match is not None:
        text = f"{text[: match.start()].rstrip()} ext. {match.group(1)}"
    return text
