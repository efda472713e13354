"""What both exports are told: the quality, the output folder, how many scenes at once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from scenes.config import LectureConfig, load_config

from .lock import FolderLock
from .outputs import writable_folder
from .publish import recover

if TYPE_CHECKING:  # both import Manim, which reads manim.cfg as it loads
    from lecture.inputs import Inputs

    from .quality import Quality

__all__ = ["ExportOptions"]


@dataclass(frozen=True)
class ExportOptions:
    quality: Quality
    out: Path
    jobs: int = 1
    force: bool = False  # render even chapters whose fingerprint is unchanged
    stream: TextIO | None = None  # progress and messages; standard output if None
    config: LectureConfig | None = None  # the lecture's config, if read already

    @property
    def messages(self) -> TextIO:
        return self.stream if self.stream is not None else sys.stdout

    @contextmanager
    def session(self) -> Iterator[Inputs]:
        """One export into ``out``, from its checks to its end; yields the lecture's
        inputs (the config's files loaded once: a file it cannot use stops here).

        Before any work: the config is read, ``out`` proved writable and locked
        against other exports (``FolderLock``), and whatever an interrupted export
        left there finished or thrown away (``publish.recover``). The lock is held
        until the body ends, however it ends.

        Raises
        ------
        ConfigError
            For a bad ``[lecture]`` option, or a file it names that cannot be used.
        ExportInputError
            If ``out`` cannot be written or another export is using it.
        """
        from lecture.inputs import load_inputs

        config = self.config if self.config is not None else load_config()
        inputs = load_inputs(config)
        writable_folder(self.out)
        with FolderLock(self.out, self.messages):
            note = recover(self.out)
            if note:
                print(note, file=self.messages)
            yield inputs
