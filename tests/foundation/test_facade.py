"""The installed wheel: bare ``import sagemaker`` names, beside a V3-style package, and the V2 refusal.

Each test installs the real wheel into a fresh virtualenv (system site-packages
visible for boto3 and friends) and runs Python in a subprocess, so the start-up
``.pth`` hook is exercised exactly as a user gets it.
"""
from __future__ import annotations

import glob
import os
import subprocess
import sys
import sysconfig
import textwrap

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

V3_INIT = '"""Namespace package for SageMaker."""\n__path__ = __import__("pkgutil").extend_path(__path__, __name__)\n'


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), REPO],
        check=True, cwd=str(build), env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"),
    )
    return glob.glob(str(out / "*.whl"))[0]


def _venv(tmp_path, wheel):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    # --ignore-installed: the outer environment may already have this package (CI installs it)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed", wheel], check=True,
                   env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"))
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    _see_outer_environment(site)
    return python, site


def _see_outer_environment(site):
    """When the tests run in a virtualenv, make its packages (boto3 and friends) visible in the new one too.

    ``--system-site-packages`` shows the base interpreter's packages, not those of the virtualenv
    the tests run in (tools/run_tests.sh's .venv-py39 has boto3, pyenv's 3.9 need not).  The outer
    folders come after the new venv's own, so the wheel installed there is the one imported.
    """
    if sys.prefix == sys.base_prefix:
        return
    outer = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    with open(os.path.join(site, "zz_outer_environment.pth"), "w", encoding="utf-8") as handle:
        handle.write("".join(f"{path}\n" for path in outer))


def _run(python, code):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(AWS_DEFAULT_REGION="us-west-2", AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x")
    return subprocess.run([python, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, cwd="/")


def _fake_dist(site, name, version, files):
    info = os.path.join(site, f"{name.replace('-', '_')}-{version}.dist-info")
    os.makedirs(info, exist_ok=True)
    with open(os.path.join(info, "METADATA"), "w") as handle:
        handle.write(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    with open(os.path.join(info, "RECORD"), "w") as handle:
        handle.write("")
    for relative, text in files.items():
        path = os.path.join(site, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(text)


CHECK_NAMES = """
import sys
import sagemaker
names = [sagemaker.Session, sagemaker.get_execution_role, sagemaker.TrainingInput, sagemaker.image_uris,
         sagemaker.Model, sagemaker.Predictor, sagemaker.LocalSession]
print(sagemaker.Session.__module__, sagemaker.TrainingInput.__module__, sagemaker.LocalSession.__module__)
from sagemaker.inputs import TrainingInput
from sagemaker.session import TrainingInput as T2
assert TrainingInput is T2 is sagemaker.TrainingInput
print("uri", sagemaker.image_uris.retrieve("xgboost", "us-west-2", "1.7-1"))
print("core", "sagemaker.core" in sys.modules)
"""


def test_bare_import_sagemaker_in_fresh_venv(tmp_path, wheel):
    python, site = _venv(tmp_path, wheel)
    assert not os.path.exists(os.path.join(site, "sagemaker", "__init__.py"))
    assert os.path.exists(os.path.join(site, "sagemaker_estimators.pth"))
    result = _run(python, CHECK_NAMES)
    assert result.returncode == 0, result.stderr
    assert "sagemaker_estimators.session sagemaker_estimators.inputs sagemaker_estimators.local.session" in result.stdout
    assert "uri 246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1" in result.stdout


def test_startup_hook_imports_nothing_until_sagemaker_is_imported(tmp_path, wheel):
    python, _ = _venv(tmp_path, wheel)
    result = _run(python, """
        import sys
        print(sorted(m for m in sys.modules if m.startswith(("sagemaker", "boto", "attr"))))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    hooked = _run(python, "import sys; print(getattr(sys.meta_path[0], \"__name__\", None))")
    assert hooked.stdout.strip() == "_FacadeFinder"


def test_beside_a_v3_namespace_package_and_after_its_reinstall(tmp_path, wheel):
    python, site = _venv(tmp_path, wheel)
    core = {"sagemaker/__init__.py": V3_INIT, "sagemaker/core/__init__.py": "MARK = 'v3-core'\n",
            "sagemaker/train/__init__.py": "class ModelTrainer: pass\n"}
    _fake_dist(site, "sagemaker-core", "2.27.0", core)
    _fake_dist(site, "sagemaker", "3.27.0", {})
    script = CHECK_NAMES + "\nfrom sagemaker.train import ModelTrainer\nfrom sagemaker.core import MARK\nprint(MARK)\n"
    first = _run(python, script)
    assert first.returncode == 0, first.stderr
    assert "v3-core" in first.stdout and "core False" in first.stdout
    # a force-reinstall of sagemaker-core rewrites its __init__.py: the names must survive
    _fake_dist(site, "sagemaker-core", "2.27.0", {"sagemaker/__init__.py": V3_INIT + "# reinstalled\n"})
    again = _run(python, script)
    assert again.returncode == 0, again.stderr
    assert "sagemaker_estimators.session" in again.stdout


def test_v2_in_the_same_environment_is_refused_clearly(tmp_path, wheel):
    python, site = _venv(tmp_path, wheel)
    _fake_dist(site, "sagemaker", "2.257.7", {"sagemaker/__init__.py": "raise SystemExit('V2 code ran')\n"})
    result = _run(python, "import sagemaker")
    assert result.returncode != 0
    assert "V2InstalledError" in result.stderr
    assert "sagemaker==2.257.7" in result.stderr and "pip uninstall sagemaker" in result.stderr
    assert "V2 code ran" not in result.stderr
