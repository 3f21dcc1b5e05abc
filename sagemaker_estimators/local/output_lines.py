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
from typing import List, NamedTuple, Tuple

#: the longest piece of an unfinished line held in memory
MAX_LINE_CHARS = 64 * 1024
_LINE_END = re.compile(r"\r\n|\n|\r")


class Output(NamedTuple):
    """What one chunk completed: ``text`` to print as it is (prefixes and line ends included)
    and the finished ``lines`` (without progress redraws) for log tails."""

    text: str
    lines: List[str]


class LineSplitter:
    """Feed bytes as they arrive; get back the text ready to print, in order.

    Args:
        prefix: put before every line and every progress redraw (``"algo-1 | "``).
        max_chars: the longest unfinished line held back.
    """

    def __init__(self, prefix: str = "", max_chars: int = MAX_LINE_CHARS):
        self._prefix = prefix
        self._max_chars = max_chars
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""
        self._at_line_start = True

    def feed(self, data: bytes, final: bool = False) -> Output:
        """The output completed by ``data`` (everything that is left when ``final``)."""
        pending = self._pending + self._decoder.decode(data, final=final)
        if "\r" in pending:
            parts, lines, pending = self._split_with_returns(pending, final)
        else:  # the common case, at C speed: split on newlines, join with the prefix
            *lines, pending = pending.split("\n")
            parts = []
            if lines:
                first = self._prefix if self._at_line_start else ""
                parts.append(first + ("\n" + self._prefix).join(lines) + "\n")
                self._at_line_start = True
        while len(pending) > self._max_chars or (final and pending):
            text, pending = pending[:self._max_chars], pending[self._max_chars:]
            last = final and not pending
            parts.append((self._prefix if self._at_line_start else "") + text + ("\n" if last else ""))
            lines.append(text)
            self._at_line_start = last
        self._pending = pending
        return Output("".join(parts), lines)

    def _split_with_returns(self, pending: str, final: bool) -> Tuple[List[str], List[str], str]:
        parts: List[str] = []
        lines: List[str] = []
        start = 0
        for match in _LINE_END.finditer(pending):
            end = match.group()
            if end == "\r" and match.end() == len(pending) and not final:
                break  # may be the first half of "\r\n": the next chunk decides
            text = pending[start:match.start()]
            parts.append((self._prefix if self._at_line_start else "") + text + ("\r" if end == "\r" else "\n"))
            if end != "\r":
                lines.append(text)
            self._at_line_start = True
            start = match.end()
        return parts, lines, pending[start:]
