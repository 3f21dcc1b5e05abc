"""Packaging for sagemaker-estimators.

Besides the two packages, the wheel carries ``sagemaker_estimators.pth``: one
line that runs at interpreter start-up and registers an import hook for the
``sagemaker`` name (see ``_sagemaker_estimators_hook.py``).  The hook costs
a list insertion at start-up and nothing more until ``sagemaker`` is imported.
"""
import os

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
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


def read_version():
    about = {}
    with open(os.path.join(HERE, "sagemaker_estimators", "_version.py"), encoding="utf-8") as handle:
        exec(handle.read(), about)  # noqa: S102 - our own constant file
    return about["__version__"]


with open(os.path.join(HERE, "README.md"), encoding="utf-8") as handle:
    LONG_DESCRIPTION = handle.read()

setup(
    name="sagemaker-estimators",
    version=read_version(),
    description="Run SageMaker Python SDK V2 estimator code unchanged, beside SDK V3, "
    "on AWS, in local Docker or with no Docker at all.",
    long_description=LONG_DESCRIPTION,
    long_description_content_type="text/markdown",
    python_requires=">=3.9",
    packages=find_namespace_packages(include=["sagemaker_estimators*", "sagemaker", "sagemaker.*"]),
    py_modules=["_sagemaker_estimators_hook"],
    package_data={"sagemaker_estimators.image_uris": ["data/*.json"]},
    include_package_data=True,
    cmdclass={"build_py": BuildPyWithStartupHook},
    install_requires=[
        "boto3>=1.26,<2",
        "attrs>=23.1,<27",
        "packaging>=21,<27",
        "PyYAML>=6,<7",
        "docker>=6,<8",
    ],
    extras_require={
        "v3": ["sagemaker-core>=1"],
        "examples": ["scikit-learn>=1.2", "joblib"],
        "test": [
            "pytest>=7",
            "moto[server]>=5,<6",
            "pytest-benchmark>=4",
            "scikit-learn>=1.2",
            "joblib",
            "numpy",
            "sagemaker-training",
            "wheel",
            "jsonschema",
        ],
    },
    classifiers=[
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: Apache Software License",
    ],
)
