"""Splitting a job's output stream into lines for prefixed display, in bounded memory.

Both local runtimes print each host's output as ``algo-1  | <line>``.
:class:`LineSplitter` turns the decoded stream into pieces: a line ends at
``\\n`` (or ``\\r\\n``); a bare ``\\r`` (tqdm-style progress) is passed on as it
comes so the terminal redraws the line; a line longer than ``max_chars`` is
handed on in pieces, so output without any newline never piles up in memory.
Work per chunk is linear in the chunk (the unfinished tail is the only text
carried over), so throughput does not drop as output grows.
"""
from __future__ import annotations

import codecs
import re
from typing import List, NamedTuple

#: the longest piece of an unfinished line held in memory
MAX_LINE_CHARS = 64 * 1024
_LINE_END = re.compile(r"\r\n|\n|\r")


class Piece(NamedTuple):
    """Some output: ``text``, then ``end`` ("\\n", "\\r" or "" for a piece of a longer line);
    ``starts_line`` says whether the host prefix goes before it."""

    text: str
    end: str
    starts_line: bool


class LineSplitter:
    """Feed bytes as they arrive; get back the pieces ready to print, in order."""

    def __init__(self, max_chars: int = MAX_LINE_CHARS):
        self._max_chars = max_chars
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""
        self._at_line_start = True

    def feed(self, data: bytes, final: bool = False) -> List[Piece]:
        """The pieces completed by ``data`` (everything that is left when ``final``)."""
        pending = self._pending + self._decoder.decode(data, final=final)
        pieces: List[Piece] = []
        start = 0
        for match in _LINE_END.finditer(pending):
            end = match.group()
            if end == "\r" and match.end() == len(pending) and not final:
                break  # may be the first half of "\r\n": the next chunk decides
            pieces.append(Piece(pending[start:match.start()], "\r" if end == "\r" else "\n", self._at_line_start))
            self._at_line_start = True
            start = match.end()
        pending = pending[start:]
        while len(pending) > self._max_chars or (final and pending):
            text, pending = pending[:self._max_chars], pending[self._max_chars:]
            last = final and not pending
            pieces.append(Piece(text, "\n" if last else "", self._at_line_start))
            self._at_line_start = last
        self._pending = pending
        return pieces


def render(pieces: List[Piece], prefix: str) -> str:
    """The text to print for ``pieces``, each line (and progress redraw) with ``prefix``."""
    return "".join((prefix + piece.text if piece.starts_line else piece.text) + piece.end for piece in pieces)
