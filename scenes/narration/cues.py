"""Subtitles from narration: cues of at most two lines of 42 characters, shown at a
pace a viewer can read (at most 17 characters a second, never under a second),
timed to the sentences as they are spoken.

Broadcast guidelines (the BBC's, Netflix's) agree on these limits; reading a cue
while also watching the picture needs them more, not less.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "MAX_CPS",
    "MAX_LINE",
    "MAX_LINES",
    "MIN_SECONDS",
    "Cue",
    "chunks",
    "lines",
    "timed_cues",
]

MAX_LINE = 42
MAX_LINES = 2
MAX_CPS = 17.0
MIN_SECONDS = 1.0
#: Subtitle files keep milliseconds, and shifting a cue to its chapter can round its
#: length down by one: cues are made this much longer than the limits need.
ROUNDING = 0.005

_WORD = re.compile(r"\S+\s*")
_BREAK_AFTER = (",", ";", ":", "—", "–")  # where a cue would rather end, short of a sentence


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    source: str  # the exact piece of the narration, trailing space included

    @property
    def text(self) -> str:
        """What is shown: the piece on one or two lines."""
        return "\n".join(lines(self.source))

    @property
    def characters(self) -> int:
        return len(self.source.strip())

    @property
    def seconds(self) -> float:
        return self.end - self.start


def _pieces(text: str) -> list[str]:
    """Words with their trailing whitespace; a word longer than a line is cut into lines."""
    pieces: list[str] = []
    words = _WORD.findall(text)
    lead = text[: len(text) - len(text.lstrip())]
    if lead:  # leading whitespace stays with the first word, so nothing is lost
        words = [lead + words[0], *words[1:]] if words else [lead]
    for word in words:
        while len(word.rstrip()) > MAX_LINE:
            pieces.append(word[:MAX_LINE])
            word = word[MAX_LINE:]
        pieces.append(word)
    return pieces


def lines(source: str) -> list[str]:
    """``source`` on as few lines of at most ``MAX_LINE`` characters as it needs, the
    break chosen to keep the lines as even as possible."""
    words = _pieces(source)
    flat = "".join(words).strip()
    if len(flat) <= MAX_LINE:
        return [flat] if flat else []
    best: list[str] | None = None
    for cut in range(1, len(words)):
        first, second = "".join(words[:cut]).strip(), "".join(words[cut:]).strip()
        if len(first) <= MAX_LINE and len(second) <= MAX_LINE:
            if best is None or max(map(len, (first, second))) < max(map(len, best)):
                best = [first, second]
    if best is None:  # does not fit two lines: greedy, as many lines as needed
        best, line = [], ""
        for word in words:
            if line and len((line + word).strip()) > MAX_LINE:
                best.append(line.strip())
                line = ""
            line += word
        best.append(line.strip())
    return best


def _fits(source: str) -> bool:
    return len(lines(source)) <= MAX_LINES


def chunks(sentence: str) -> list[str]:
    """``sentence`` cut into pieces that each fit a cue; joined, they give it back.

    Greedy by words, but a piece that would end within a few words of a comma or
    semicolon ends there instead, so cues break where the voice pauses.
    """
    words = _pieces(sentence)
    out: list[str] = []
    current: list[str] = []
    for word in words:
        if current and not _fits("".join([*current, word])):
            # step back to the last pause inside the piece, if it is not too early
            pauses = [i for i, w in enumerate(current) if w.rstrip().endswith(_BREAK_AFTER)]
            if pauses and pauses[-1] >= len(current) // 2 and pauses[-1] < len(current) - 1:
                cut = pauses[-1] + 1
                out.append("".join(current[:cut]))
                current = current[cut:]
            else:
                out.append("".join(current))
                current = []
        current.append(word)
    if current:
        out.append("".join(current))
    return out


def timed_cues(sentences: Sequence[tuple[str, float, float]], offset: float = 0.0) -> list[Cue]:
    """Cues for sentences spoken from ``start`` to ``end`` seconds (each with its
    trailing space as in the narration), shifted by ``offset``.

    Within a sentence the time is shared by character count. A cue that would be
    too fast to read, or shorter than a second, is lengthened and the cues after
    it move later: the subtitles may run a little behind the voice, never ahead of
    the reader. The last cue's end says how long the step must last.
    """
    cues: list[Cue] = []
    previous_end = offset
    for text, start, end in sentences:
        pieces = chunks(text)
        total = sum(len(p.strip()) for p in pieces) or 1
        at = start
        for piece in pieces:
            share = (end - start) * len(piece.strip()) / total
            cue_start = max(offset + at, previous_end)
            need = max(MIN_SECONDS, len(piece.strip()) / MAX_CPS) + ROUNDING
            cue_end = max(offset + at + share, cue_start + need)
            cues.append(Cue(cue_start, cue_end, piece))
            previous_end = cue_end
            at += share
    return cues
