"""scenes/kit/text.py: counts in words for captions."""

from __future__ import annotations

from scenes.kit.text import number_word


def test_small_counts_are_words_and_larger_ones_digits() -> None:
    assert number_word(2) == "two"
    assert number_word(10) == "ten"
    assert number_word(16) == "16"
