"""Build hook for sagemaker-estimators (all metadata lives in pyproject.toml).

The wheel carries ``sagemaker_estimators.pth``: one line that runs at
interpreter start-up and registers an import hook for the ``sagemaker`` name
(see ``_sagemaker_estimators_hook.py``).  The hook costs a list insertion at
start-up and nothing more until ``sagemaker`` is imported.  A ``.pth`` file at
the wheel root can only be added by a build step, hence this file.
"""
import os

from setuptools import setup
from setuptools.command.build_py import build_py

PTH_NAME = "sagemaker_estimators.pth"
PTH_LINE = "import _sagemaker_estimators_hook\n"


class BuildPyWithStartupHook(build_py):
    """Build the packages, then drop the start-up ``.pth`` file at the wheel root."""

    def run(self):
        super().run()
        target = os.path.join(self.build_lib, PTH_NAME)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(PTH_LINE)

    def get_outputs(self, include_bytecode=1):
        return super().get_outputs(include_bytecode) + [os.path.join(self.build_lib, PTH_NAME)]


setup(cmdclass={"build_py": BuildPyWithStartupHook})
