"""Mend the damage that apps often leave in GPX and TCX files, so that a strict XML reader
can read the rest; each mend is said as a message.

Tried only after a strict read has failed: a file that reads as it is, is read as it is.
The mends change no value: text before the XML declaration is dropped, and a namespace
prefix used but never declared (gpxdata:, gpxx: in some Strava exports) is declared on the
root element, under a name of our own, so its elements read by their local names as they
would have.
"""

from __future__ import annotations

import re

from crampcoach.i18n import N_
from crampcoach.message import Message

LEADING_TEXT = N_("text before the XML declaration was skipped")
UNDECLARED = N_("namespace prefixes used but never declared ({prefixes}): read as declared")
# A namespace of our own for a prefix the file never declared (RFC 6963 reserves example.org
# names; none of them means anything to a reader).
UNDECLARED_NAMESPACE = "urn:example:undeclared:"

_BOM = b"\xef\xbb\xbf"
_DECLARATION = re.compile(rb"<\?xml[\s?]")
_ROOT = re.compile(rb"<(?![?!])[\w.:-]+")  # the first element's start tag, to its name
# A prefix in an element or attribute name: <gpxdata:hr, </gpxdata:hr, gpxdata:lap="1"
_USED = re.compile(rb"</?([A-Za-z_][\w.-]*):[A-Za-z_]|\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*=")
_DECLARED = re.compile(rb"xmlns:([A-Za-z_][\w.-]*)\s*=")


def mend(data: bytes) -> tuple[bytes, list[Message]]:
    """`data` with the damage above mended, and a message for each mend; `data` itself and
    no message when there was nothing to mend (the strict reader's error then stands)."""
    mended, said = _skip_leading_text(data)
    mended, declared = _declare_prefixes(mended)
    return mended, [*said, *declared]


def _skip_leading_text(data: bytes) -> tuple[bytes, list[Message]]:
    """Drop what comes before an XML declaration that is not at the start (white space,
    most often), which a strict reader refuses; a BOM stays in front."""
    body = data.removeprefix(_BOM)
    found = _DECLARATION.search(body, 0, 4096)
    if found is None or found.start() == 0:
        return data, []
    bom = data[: len(data) - len(body)]
    return bom + body[found.start() :], [Message(LEADING_TEXT)]


def _declare_prefixes(data: bytes) -> tuple[bytes, list[Message]]:
    """Declare on the root element every prefix the file uses and never declares."""
    declared = {m.group(1) for m in _DECLARED.finditer(data)} | {b"xml", b"xmlns"}
    used = {m.group(1) or m.group(2) for m in _USED.finditer(data)}
    missing = sorted(used - declared)
    root = _ROOT.search(data)
    if not missing or root is None:
        return data, []
    declarations = b"".join(
        b' xmlns:%s="%s%s"' % (prefix, UNDECLARED_NAMESPACE.encode(), prefix) for prefix in missing
    )
    names = ", ".join(p.decode("ascii", errors="replace") for p in missing)
    mended = data[: root.end()] + declarations + data[root.end() :]
    return mended, [Message(UNDECLARED, {"prefixes": names})]
