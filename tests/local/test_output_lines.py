"""The line splitter both local runtimes print job output with (issue 16 items 7 and 8)."""
from __future__ import annotations

from sagemaker_estimators.local.output_lines import LineSplitter


def _feed_all(chunks, prefix="h | ", max_chars=64 * 1024):
    splitter = LineSplitter(prefix, max_chars=max_chars)
    texts, lines = [], []
    for chunk in chunks:
        output = splitter.feed(chunk)
        texts.append(output.text)
        lines.extend(output.lines)
    output = splitter.feed(b"", final=True)
    return "".join(texts) + output.text, lines + output.lines


def test_lines_progress_and_split_sequences():
    text, lines = _feed_all([b"a\nb", b"c\r", b"\nd 10%\r", b"d 20%\r", b"e\n\xc3", b"\xa9\n", b"tail"])
    assert text == "h | a\nh | bc\nh | d 10%\rh | d 20%\rh | e\nh | \u00e9\nh | tail\n"
    assert lines == ["a", "bc", "e", "\u00e9", "tail"]


def test_a_line_without_end_is_held_in_bounded_pieces():
    splitter = LineSplitter("h | ", max_chars=10)
    first = splitter.feed(b"x" * 25)
    assert first.text == "h | " + "x" * 20 and splitter._pending == "x" * 5
    assert splitter.feed(b"yy\nz").text == "xxxxxyy\n"
    assert splitter.feed(b"", final=True).text == "h | z\n"


def test_output_is_identical_whatever_the_chunking():
    data = b"".join(b"%05d line\r\n" % i if i % 7 else b"%05d step\r" % i for i in range(2000))
    whole, _ = _feed_all([data])
    for size in (1, 3, 64, 1000):
        pieces, _ = _feed_all([data[i:i + size] for i in range(0, len(data), size)])
        assert pieces == whole
