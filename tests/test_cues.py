"""scenes/narration/cues.py: any narration becomes cues a viewer can read, and the cues
give the narration back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scenes.narration.cues import (
    MAX_CPS,
    MAX_LINE,
    MAX_LINES,
    MIN_SECONDS,
    chunks,
    lines,
    timed_cues,
)
from scenes.narration.spoken import sentences

words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Z", "Cc")),
    min_size=1,
    max_size=20,
)
prose = st.lists(words, min_size=1, max_size=80).map(" ".join)


@settings(max_examples=300, deadline=None, database=None)
@given(prose)
def test_every_chunk_fits_two_lines_and_the_chunks_give_the_sentence_back(text: str) -> None:
    pieces = chunks(text)
    assert "".join(pieces) == text
    for piece in pieces:
        shown = lines(piece)
        assert 1 <= len(shown) <= MAX_LINES
        assert all(len(line) <= MAX_LINE for line in shown)


@settings(max_examples=100, deadline=None, database=None)
@given(st.text(min_size=1, max_size=400))
def test_any_text_is_kept_whole_even_with_words_longer_than_a_line(text: str) -> None:
    assert "".join(chunks(text)) == text
    for piece in chunks(text):
        assert all(len(line) <= MAX_LINE for line in lines(piece))


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(prose, min_size=1, max_size=6),
    st.floats(min_value=0.5, max_value=30.0),
    st.floats(min_value=0.0, max_value=100.0),
)
def test_cues_are_readable_in_order_and_never_ahead_of_the_voice(
    texts: list[str], seconds_per_sentence: float, offset: float
) -> None:
    spoken, at = [], 0.0
    for text in texts:
        spoken.append((text + " ", at, at + seconds_per_sentence))
        at += seconds_per_sentence + 0.3
    cues = timed_cues(spoken, offset)
    assert "".join(c.source for c in cues) == "".join(t for t, _, _ in spoken)
    previous = offset
    for cue in cues:
        assert cue.start >= previous - 1e-9
        assert cue.seconds >= MIN_SECONDS - 1e-9
        assert cue.characters / cue.seconds <= MAX_CPS + 1e-9
        previous = cue.end
    first = 0
    for text, start, _ in spoken:  # a sentence's first cue starts when its voice does, or later
        assert cues[first].start >= offset + start - 1e-9
        first += len(chunks(text))


def test_a_real_narration_breaks_at_a_pause() -> None:
    text = (
        "Every neuron of the first hidden layer listens to all 784 neurons before it, "
        "through one weight each, and has one bias of its own."
    )
    pieces = chunks(sentences(text)[0])
    assert pieces[0].rstrip().endswith(",")
