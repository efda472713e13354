"""What both exports are told: the quality, the output folder, how many scenes at once."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from scenes.config import LectureConfig, load_config

from .outputs import writable_folder
from .quality import Quality

__all__ = ["ExportOptions"]


@dataclass(frozen=True)
class ExportOptions:
    quality: Quality
    out: Path
    jobs: int = 1
    force: bool = False  # render even chapters whose fingerprint is unchanged
    stream: TextIO | None = None  # progress and messages; standard output if None

    @property
    def messages(self) -> TextIO:
        return self.stream if self.stream is not None else sys.stdout

    def begin(self) -> LectureConfig:
        """Before any work: prove ``out`` is writable and read the lecture's config."""
        writable_folder(self.out)
        return load_config()
