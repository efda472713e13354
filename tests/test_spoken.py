"""scenes/narration/spoken.py: numbers and symbols said in words, text cut into sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from scenes.narration.spoken import NUMBER, Unspeakable, collapsed, sentences, speakable


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("0.77", "zero point seven seven"),
        ("13,002", num2words(13002)),
        ("93.8%", "ninety-three point eight percent"),
        ("−10", "minus ten"),
        ("-2.5", "minus two point five"),
        ("28 × 28", "twenty-eight by twenty-eight"),
        ("neuron 12.", "neuron twelve."),
        ("a 784-32-10 network", "a seven hundred and eighty-four, thirty-two, ten network"),
        ("784-16-16-10.", "seven hundred and eighty-four, sixteen, sixteen, ten."),
        ("from -4 to 4", "from minus four to four"),
    ],
)
def test_numbers_are_said_as_words(written: str, said: str) -> None:
    assert speakable(written) == said


def test_no_digit_is_left_for_the_voice() -> None:
    text = "Layer 2 has 16 neurons; 784 inputs, 0.0001 and 1,000,000 and 12.5% and σ(x)."
    assert not any(ch.isdigit() for ch in speakable(text))


def test_words_with_digits_inside_are_left_alone() -> None:
    assert NUMBER.search("a0 and b12") is None


def test_sentences_end_at_stops_not_at_decimal_points() -> None:
    text = 'It reads 0.77. Then it fires!  Does it? yes, it does.\n"Quoted." Next.'
    assert sentences(text) == [
        "It reads 0.77.", "Then it fires!", "Does it? yes, it does.", '"Quoted."', "Next.",
    ]  # fmt: skip


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_sentences_give_the_text_back(text: str) -> None:
    """Ordinary whitespace collapsed; a no-break space (94,2 % in German) kept."""
    assert " ".join(sentences(text)) == collapsed(text)
    assert " ".join(" ".join(sentences(text)).split()) == " ".join(text.split())


@pytest.mark.parametrize(
    ("written", "language", "said"),
    [
        ("0.77", "ja", "零 点 七 七"),  # "point" taken from num2words' 0.5, 零点五
        ("−10", "ja", "マイナス 十"),  # "minus" from its −1, マイナス一
        ("−10", "tr", "eksi on"),  # eksibir: the minus word is glued to the number
        ("-2.5", "de", "minus zwei Komma fünf"),
    ],
)
def test_point_and_minus_are_the_languages_own_words(
    written: str, language: str, said: str
) -> None:
    assert speakable(written, language) == said


@pytest.mark.parametrize(
    ("written", "language"),
    [("−10", "pl"), ("0.77", "ar"), ("93.8%", "fa"), ("−1.5", "cs")],
)
def test_a_number_a_language_cannot_say_is_named(written: str, language: str) -> None:
    """Not an IndexError or a ValueError from deep inside num2words: the number as
    written, and the language."""
    with pytest.raises(Unspeakable) as info:
        speakable(f"It reads {written} here.", language)
    assert info.value.value == written and info.value.language == language
    assert written in str(info.value)
