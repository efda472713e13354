"""Numbers in the script's language (issue 26): written with its own marks (13.002 and
0,77 in German), read back for the voice to the same value, English untouched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scenes.narration.numerals import PYTHON, numerals
from scenes.narration.script import load_script
from scenes.narration.spoken import speakable

SPECS = ("", ",", ".2f", ",.2f", ".1%", ".0%", "g")


def test_german_and_french_write_their_own_marks_and_english_is_python() -> None:
    assert numerals("en") == PYTHON and numerals("xx-unknown") == PYTHON
    german, french = numerals("de"), numerals("fr")
    assert german.written("13,002 and 0.77, 94.2%") == "13.002 and 0,77, 94,2\xa0%"
    assert french.written("13,002 and 0.77") == "13\u202f002 and 0,77"
    assert german.written("784-16-16-10, #1524, 16, 32 and 8.") == (
        "784-16-16-10, #1524, 16, 32 and 8."
    )


@given(
    st.sampled_from(["de", "fr", "es", "en", "pt_BR", "ja"]),
    st.one_of(st.integers(-(10**7), 10**7), st.floats(-1e6, 1e6, allow_nan=False)),
    st.sampled_from(SPECS),
)
def test_reading_back_what_was_written_gives_python_notation(
    language: str, value: float, spec: str
) -> None:
    if isinstance(value, int) and "." in spec and "f" not in spec and "%" not in spec:
        return
    python = f"The value {format(value, spec)} here."
    style = numerals(language)
    assert style.read(style.written(python)) == python


def test_a_german_script_shows_german_numerals_and_says_them_in_german(tmp_path) -> None:
    script = tmp_path / "de.toml"
    script.write_text(
        '[meta]\nlanguage = "de"\nand = "und"\nsymbols = { "×" = "mal" }\n'
        '[demo.step]\nheadline = "{n:,} Parameter, {x:.2f}"\n'
        'narration = "Es sind {n:,} Parameter × {x:.2f}, also {p:.1%}."\n',
        encoding="utf-8",
    )
    words = load_script(script).words("demo", "step", {"n": 13002, "x": 0.77, "p": 0.942})
    assert words.headline == "13.002 Parameter, 0,77"
    ((shown, said),) = words.sentences()
    assert shown == "Es sind 13.002 Parameter × 0,77, also 94,2\xa0%."
    assert said == (
        "Es sind dreizehntausendzwei Parameter mal null Komma sieben sieben, also "
        "vierundneunzig Komma zwei Prozent."
    )
    assert speakable("0,5", "de") == "null Komma fünf"
