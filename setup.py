"""Build hook: the lexicons live at the repository root (coaches edit them there) but must ship
inside the installed package, so a non-editable install (pip install ., pre-commit) finds them."""
from pathlib import Path
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithLexicons(build_py):
    def run(self):
        super().run()
        src = Path(__file__).resolve().parent / "lexicons"
        if src.is_dir():  # absent when building from a wheel-only tree; lexicon.py then says so
            dst = Path(self.build_lib) / "ton" / "lexicons"
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst)


setup(cmdclass={"build_py": BuildWithLexicons})
