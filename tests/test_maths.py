"""scenes/kit/maths.py: missing LaTeX is named before rendering; numbers formatted one way."""

from __future__ import annotations

import pytest

from scenes.kit import maths
from scenes.kit.maths import LatexMissingError, require_latex, tex_number, tex_scientific


def test_missing_latex_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maths.shutil, "which", lambda program: None)
    with pytest.raises(LatexMissingError) as error:
        require_latex()
    message = str(error.value)
    assert "`latex` was not found" in message
    for package in ("texlive-latex-base", "texlive-latex-extra", "dvisvgm"):
        assert package in message


def test_missing_style_file_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    class Empty:
        stdout = ""

    monkeypatch.setattr(maths.shutil, "which", lambda program: f"/usr/bin/{program}")
    monkeypatch.setattr(maths.subprocess, "run", lambda *a, **k: Empty())
    with pytest.raises(LatexMissingError, match=r"amsmath\.sty"):
        require_latex()


def test_installed_latex_passes_and_numbers_have_no_negative_zero() -> None:
    require_latex()  # this machine (and CI, after make setup) has LaTeX
    assert tex_number(-0.001) == "0.00"
    assert tex_number(-1.234) == "-1.23"
    assert tex_number(5.5555, 3) == "5.556"


def test_scientific_numbers_for_tiny_values_and_fixed_ones_otherwise() -> None:
    assert tex_scientific(0.25**10) == r"9.5 \times 10^{-7}"
    assert tex_scientific(1.0) == "1.00"
    assert tex_scientific(0.0) == "0.00"
    assert tex_scientific(-3e-9) == r"-3.0 \times 10^{-9}"
