"""scenes/narration/script.py: the words are read, checked and filled with real values;
every problem names the file, the key and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.export import draw_page
from scenes.export.catalogue import CHAPTERS
from scenes.narration.script import ScriptError, load_script

META = '[meta]\nlanguage = "en"\n\n'
STEP = (
    '[demo.answer]\nheadline = "The answer is {answer}"\n'
    'narration = """\nIt reads {answer!w}, with {activation:.2f}. Done.\n"""\n'
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "words.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_words_are_filled_with_the_values_given(tmp_path: Path) -> None:
    script = load_script(write(tmp_path, META + STEP))
    words = script.words("demo", "answer", {"answer": 3, "activation": 0.7712})
    assert words.step_id == "demo.answer"
    assert words.headline == "The answer is 3"
    assert words.narration == "It reads three, with 0.77. Done."
    assert words.sentences() == [
        ("It reads three, with 0.77.", "It reads three, with zero point seven seven."),
        ("Done.", "Done."),
    ]
    assert script.words("demo", "answer", {"answer": 3, "activation": 0.5}, part=2).step_id == (
        "demo.answer-2"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "needs a [meta] table with language"),
        ('[meta]\nlanguage = "xx"\n', "num2words cannot say it"),
        (META + "[demo\n", "not valid TOML"),
        (META + STEP.replace("headline", "headlin"), "[demo.answer] has no headline"),
        (META + STEP + 'note-x = "fine"\ncolour = "red"\n', "unknown key 'colour'"),
        (META + STEP.replace("The answer is", "Answer number 3 is"), "number written into"),
        (META + STEP.replace("{answer}", "{}"), "placeholders need a name"),
        (META + '[demo.Answer]\nheadline = "h"\nnarration = "n"\n', "is not a step"),
        (META + STEP.replace('"The answer is {answer}"', '"""a\nb"""'), "must be one line"),
        ("demo = 3\n" + META, "must be a table of steps"),
    ],
)
def test_a_bad_script_is_refused_naming_file_key_and_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ScriptError) as info:
        load_script(path)
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match="no such script file"):
        load_script(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"answer": 3}, "[demo.answer] narration: placeholder {activation} has no value"),
        ({"answer": 3, "activation": 0.5, "extra": 1}, "gives extra but no placeholder"),
        ({"answer": 3, "activation": "high"}, "cannot fill it"),
        ({"answer": "three", "activation": 0.5}, "placeholder {answer!w} says a whole number"),
        ({"answer": 0.1 + 0.2, "activation": 0.5}, "placeholder {answer!w} says a whole number"),
    ],
)
def test_values_and_placeholders_must_match(tmp_path: Path, values: dict, message: str) -> None:
    script = load_script(write(tmp_path, META + STEP))
    with pytest.raises(ScriptError, match=message.replace("[", r"\[").replace("{", r"\{")):
        script.words("demo", "answer", values)


def test_missing_and_unknown_steps_are_named(tmp_path: Path) -> None:
    script = load_script(write(tmp_path, META + STEP))
    with pytest.raises(ScriptError, match=r"no words for step\(s\) question of scene demo"):
        script.check_scene("demo", ["answer", "question"])
    with pytest.raises(ScriptError, match=r"\[demo.answer\] is not a step of scene demo"):
        script.check_scene("demo", [])
    script.check_scene("demo", ["answer"])


def test_the_shipped_script_has_words_for_every_step_of_every_scene() -> None:
    """Every key a chapter may use (whichever variant its input picks) has words, and the
    script has no words for steps no chapter uses; each plan's steps use declared keys."""
    from lecture.inputs import load_inputs
    from scenes.export.stills_worker import scene_class

    inputs = load_inputs()
    script = inputs.script
    for chapter in CHAPTERS:
        plan = scene_class(chapter.path, chapter.scene).PLAN(inputs)
        assert plan.name == chapter.name and plan.steps, f"{chapter.name} has no steps"
        assert {s.key for s in plan.steps} <= plan.keys
        script.check_scene(chapter.name, plan.keys)
    # Besides the chapters, the words of the live page make present writes (draw.html).
    script.check_scene(draw_page.SCENE, draw_page.KEYS)
    assert set(script.steps) == {c.name for c in CHAPTERS} | {draw_page.SCENE}


def test_a_count_given_as_a_whole_float_or_a_numpy_integer_is_said_as_a_word(
    tmp_path: Path,
) -> None:
    import numpy as np

    script = load_script(write(tmp_path, META + STEP))
    for answer in (3.0, np.int64(3)):
        words = script.words("demo", "answer", {"answer": answer, "activation": 0.5})
        assert words.narration.startswith("It reads three,")


def test_a_decimal_for_a_word_is_refused_naming_the_placeholder_and_its_value(
    tmp_path: Path,
) -> None:
    """num2words spells a float's every binary digit ("zero point three zero zero … four"):
    a decimal given to {x!w} is refused, naming the placeholder, the value and the fix."""
    path = write(tmp_path, META + STEP)
    with pytest.raises(ScriptError) as info:
        load_script(path).words("demo", "answer", {"answer": 0.1 + 0.2, "activation": 0.5})
    message = str(info.value)
    assert message.startswith(f"{path}: [demo.answer] narration: placeholder {{answer!w}}")
    assert "0.30000000000000004" in message and "{answer:.2f}" in message


ORDINAL = (
    '[demo.answer]\nheadline = "The answer is {answer}"\nnarration = "The {place!o} answer."\n'
)


@pytest.mark.parametrize(
    ("language", "words", "value"),
    [
        ("pl", STEP, "−10"),  # num2words 0.5.14 has no negative numbers in Polish
        ("cs", STEP, "−10"),
        ("ar", STEP, "-0.5"),  # nor a word for the decimal point in Arabic
        ("tr", STEP, "-0.5"),  # where 0.5 is one glued word
        ("lt", ORDINAL, "1 as an ordinal"),  # nor ordinals in Lithuanian, for {place!o}
    ],
)
def test_a_language_that_cannot_say_a_kind_of_number_is_refused_when_read(
    tmp_path: Path, language: str, words: str, value: str
) -> None:
    """Found when the script is read (before anything renders), one line naming the
    file, the language and a value it cannot say; not a traceback mid-render."""
    path = write(tmp_path, f'[meta]\nlanguage = "{language}"\n\n' + words)
    with pytest.raises(ScriptError) as info:
        load_script(path)
    message = str(info.value)
    assert message.startswith(f"{path}: [meta] language = {language!r}: ")
    assert f"cannot say {value} " in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("language", "words", "decimal"),
    [
        ("ja", STEP, "零 点 七 七"),  # its 0.5 has no spaces: the point is found all the same
        ("he", STEP, "אפס נקודה שבע שבע"),
        ("de", STEP, "null Komma sieben sieben"),
        ("ru", STEP, "ноль целых семь семь"),
        ("lt", STEP, None),  # no ordinals, but this script asks for none
    ],
)
def test_a_language_that_says_every_number_the_script_needs_loads(
    tmp_path: Path, language: str, words: str, decimal: str | None
) -> None:
    script = load_script(write(tmp_path, f'[meta]\nlanguage = "{language}"\n\n' + words))
    filled = script.words("demo", "answer", {"answer": 3, "activation": 0.77})
    spoken = " ".join(said for _, said in filled.sentences())
    assert not any(ch.isdigit() for ch in spoken)
    if decimal is not None:
        assert decimal in spoken


def test_step_ids_and_parts_of_the_script(tmp_path: Path) -> None:
    script = load_script(write(tmp_path, META + STEP))
    assert script.step_ids() == ["demo.answer"]
    assert script.has_step("demo.answer") and script.has_step("demo.answer-2")
    assert not script.has_step("demo.answr") and not script.has_step("other.answer")
    assert not script.has_step("demo.answer-x")


def test_words_several_chapters_say_are_a_table_of_their_own(tmp_path: Path) -> None:
    """``[words.<kind>]`` is no scene: its words are read by kind and key, a read is
    recorded as ``words.<kind>`` (a chapter saying them depends on them), and a missing
    one is named with the table to add it to."""
    colours = '[words.colours]\ngreen = "green"\nwide = "{n!w} wide"\n'
    script = load_script(write(tmp_path, META + STEP + colours))
    assert script.step_ids() == ["demo.answer"]
    read = script.scenes_read(lambda: script.word("colours", "green"))
    assert read == {"words.colours"}
    assert script.word("colours", "wide", n=3) == "three wide"
    with pytest.raises(ScriptError, match=r"\[words.colours\] red: missing"):
        script.word("colours", "red")
    with pytest.raises(ScriptError, match=r"\[words\] holds one table of texts"):
        load_script(write(tmp_path, META + STEP + '[words]\ngreen = "green"\n'))
