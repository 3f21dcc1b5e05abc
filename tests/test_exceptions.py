"""Every exception class the package defines derives from one base, beside the builtin base V2 gives it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import sagemaker_estimators
from sagemaker_estimators.exceptions import CapacityError, SageMakerEstimatorsError, UnexpectedStatusException

#: "module.Class" -> why that class cannot take the base
EXEMPT = {
    "sagemaker_estimators.local.process.ns_exec.NamespaceError":
        "ns_exec.py runs as a standard-library-only script under python -I -S (the package is not importable "
        "there); the error never leaves that process",
}


#: imports every module of the package in a fresh interpreter (keeps this test process as it was) and prints,
#: for each exception class defined there, its dotted name and whether it derives from the package base
_WALK = """
import importlib, inspect, json, pkgutil
import sagemaker_estimators
from sagemaker_estimators.exceptions import SageMakerEstimatorsError
names = [sagemaker_estimators.__name__] + [
    info.name for info in pkgutil.walk_packages(sagemaker_estimators.__path__, "sagemaker_estimators.")]
found = {}
for module_name in names:
    module = importlib.import_module(module_name)
    for name, value in vars(module).items():
        if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == module_name:
            found[module_name + "." + name] = issubclass(value, SageMakerEstimatorsError)
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def exception_classes():
    """{"module.Class": derives from SageMakerEstimatorsError} for every exception class of the package."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(sagemaker_estimators.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-c", _WALK], capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_the_walk_finds_the_package_errors(exception_classes):
    names = set(exception_classes)
    assert "sagemaker_estimators.exceptions.UnexpectedStatusException" in names
    assert "sagemaker_estimators.local.runtime.TrainingFailedError" in names
    assert "sagemaker_estimators.config.schema.ConfigValidationError" in names
    assert set(EXEMPT) <= names


def test_every_exception_class_derives_from_the_package_base(exception_classes):
    missing = [name for name, derives in exception_classes.items() if name not in EXEMPT and not derives]
    assert missing == []


@pytest.mark.parametrize("cls, builtin", [
    (UnexpectedStatusException, ValueError),
    (CapacityError, ValueError),
])
def test_v2_builtin_bases_are_kept(cls, builtin):
    assert issubclass(cls, builtin)
    assert issubclass(cls, SageMakerEstimatorsError)


def test_a_package_error_is_caught_by_its_v2_builtin_base_and_by_the_package_base():
    from sagemaker_estimators.validation import UnsupportedSettingError

    for catch in (ValueError, AttributeError, SageMakerEstimatorsError):
        with pytest.raises(catch):
            raise UnsupportedSettingError("no")
