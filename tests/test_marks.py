"""Cue marks: ``@name`` in a narration marks the word a picture's moment goes with; it is
neither spoken nor shown, and is placed by sentence and by its share of the sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scenes.narration.script import ScriptError, load_script, without_marks
from scenes.narration.spoken import sentences

META = '[meta]\nlanguage = "en"\n\n'
MARKED = (
    '[demo.answer]\nheadline = "The answer is {answer}"\n'
    'narration = """\nThe network reads it. @box It answers {answer!w}. @next Done.\n"""\n'
)

WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
SENTENCE = st.lists(WORDS, min_size=1, max_size=6).map(lambda w: " ".join(w).capitalize() + ".")


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=5), st.data())
def test_marks_come_out_of_the_text_and_point_at_their_word(said: list[str], data) -> None:
    """Marks put before any words come out, leaving the text as it was; each mark names
    the sentence of the word after it, and its share of that sentence's characters."""
    words = " ".join(said).split(" ")
    spots = sorted(data.draw(st.sets(st.integers(0, len(words) - 1), max_size=3)))
    marked = list(words)
    for n, spot in enumerate(reversed(spots)):
        marked.insert(spot, f"@m{n}")
    text, marks = without_marks(" ".join(marked))
    assert text == " ".join(said)
    assert len(marks) == len(spots)
    pieces = sentences(text)
    for n, spot in enumerate(reversed(spots)):
        index, share = marks[f"m{n}"]
        before = len(" ".join(words[:spot])) + (1 if spot else 0)  # characters before the word
        starts = [sum(len(p) + 1 for p in pieces[:i]) for i in range(len(pieces))]
        assert starts[index] <= before < starts[index] + len(pieces[index]) + 1
        assert share == pytest.approx((before - starts[index]) / len(pieces[index]))


def test_words_carry_the_marks_and_never_say_them(tmp_path: Path) -> None:
    path = tmp_path / "words.toml"
    path.write_text(META + MARKED, encoding="utf-8")
    script = load_script(path)
    words = script.words("demo", "answer", {"answer": 3})
    assert "@" not in words.narration and "@" not in "".join(s for _, s in words.sentences())
    assert words.marks == {"box": (1, 0.0), "next": (2, 0.0)}
    script.check_marks("demo", "answer", ["box", "next", "other"])
    with pytest.raises(ScriptError, match=r"\[demo.answer\] narration: @next marks no moment"):
        script.check_marks("demo", "answer", ["box"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            MARKED.replace("The answer is", "@box The answer is"),
            "cue marks (@name) go in the narration only",
        ),
        (MARKED.replace("@next", "@box"), "@box is marked twice"),
    ],
)
def test_misplaced_marks_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "words.toml"
    path.write_text(META + text, encoding="utf-8")
    with pytest.raises(ScriptError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_script(path).check_marks("demo", "answer", ["box", "next"])
