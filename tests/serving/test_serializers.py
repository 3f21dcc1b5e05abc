"""Serializers and deserializers against SDK V2's recorded behaviour.

``data/v2_serializers.json`` holds what V2 returned for every case of
``serializer_cases.py`` (recorded by ``tools/record_v2_serializers.py``); each case is
run through this project's classes and must give the same body (same bytes and the
same ``str``/``bytes`` type), or raise where V2 raised, or, for the few inputs V2
crashed on and this project handles, the output written in the case.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import inspect
import io
import json
import os
import subprocess
import sys

import pytest
from packaging.version import Version

from sagemaker_estimators.payloads import deserializers as ours_deserializers
from sagemaker_estimators.payloads import serializers as ours_serializers
from tests.serving import serializer_cases as cases

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RECORD_PATH = os.path.join(HERE, "data", "v2_serializers.json")
SURFACE_PATH = "/work/shared/reference/v2_surface.json"

with open(RECORD_PATH, encoding="utf-8") as _handle:
    V2 = json.load(_handle)


def _skip_unless_installed(case):
    for package in case.get("needs", []):
        if importlib.util.find_spec(package) is None:
            pytest.skip(f"{package} is not installed")
    for package, recorded in case.get("recorded_with", {}).items():
        installed = importlib.metadata.version(package)
        if Version(installed) < Version(recorded):
            pytest.skip(f"V2's answer was recorded with {package} {recorded}; {installed} answers differently")


def _outcome(call):
    try:
        return call(), None
    except Exception as error:  # the comparison below decides whether raising was right
        return None, error


def _check(case, recorded, result, error):
    if "ours" in case:
        # V2 fails on this input; this project handles it.
        assert "error" in recorded, f"V2 now handles {case['id']}: drop the 'ours' override"
        assert error is None, f"{case['id']} raised {error!r}"
        assert cases.canonical(result) == cases.canonical(case["ours"])
    elif "error" in recorded:
        assert error is not None, f"V2 raised {recorded['error']} for {case['id']}, we returned {result!r}"
        assert isinstance(error, (ValueError, TypeError, KeyError)), repr(error)
    else:
        assert error is None, f"{case['id']} raised {error!r}; V2 returned {recorded['result']!r}"
        assert cases.canonical(result) == cases.canonical(recorded["result"])


@pytest.mark.parametrize("case", cases.SERIALIZER_CASES, ids=[c["id"] for c in cases.SERIALIZER_CASES])
def test_serializer_matches_v2(case, tmp_path):
    _skip_unless_installed(case)
    recorded = V2["serializers"][case["id"]]
    serializer = getattr(ours_serializers, case["cls"])(**case.get("kwargs", {}))
    assert serializer.CONTENT_TYPE == recorded["content_type"]

    def call():
        body = serializer.serialize(cases.build(case["data"], str(tmp_path)))
        return cases.describe_npz_bytes(body) if case.get("npz") else cases.describe(body)

    _check(case, recorded, *_outcome(call))


@pytest.mark.parametrize("case", cases.DESERIALIZER_CASES, ids=[c["id"] for c in cases.DESERIALIZER_CASES])
def test_deserializer_matches_v2(case, tmp_path):
    _skip_unless_installed(case)
    recorded = V2["deserializers"][case["id"]]
    deserializer = getattr(ours_deserializers, case["cls"])(**case.get("kwargs", {}))
    assert list(deserializer.ACCEPT) == recorded["accept"]
    assert isinstance(deserializer.ACCEPT, tuple)

    def call():
        stream = io.BytesIO(cases.build(case["body"], str(tmp_path)))
        return cases.describe(deserializer.deserialize(stream, case["content_type"]))

    _check(case, recorded, *_outcome(call))


def test_every_case_was_recorded():
    assert sorted(V2["serializers"]) == sorted(case["id"] for case in cases.SERIALIZER_CASES)
    assert sorted(V2["deserializers"]) == sorted(case["id"] for case in cases.DESERIALIZER_CASES)


@pytest.mark.parametrize("name", cases.SERIALIZER_CLASSES + cases.DESERIALIZER_CLASSES)
def test_default_content_types_match_v2(name):
    module = ours_serializers if name.endswith("Serializer") else ours_deserializers
    instance = getattr(module, name)()
    recorded = V2["defaults"][name]
    if "CONTENT_TYPE" in recorded:
        assert instance.CONTENT_TYPE == recorded["CONTENT_TYPE"]
    else:
        assert instance.ACCEPT == tuple(recorded["ACCEPT"])


def _surface_classes():
    if not os.path.exists(SURFACE_PATH):
        return []
    with open(SURFACE_PATH, encoding="utf-8") as handle:
        modules = json.load(handle)["modules"]
    return [
        (module_name, class_name, spec)
        for module_name in ("sagemaker.serializers", "sagemaker.deserializers")
        for class_name, spec in sorted(modules[module_name].items())
        if spec.get("kind") == "class"
    ]


@pytest.mark.skipif(not os.path.exists(SURFACE_PATH), reason="V2 surface reference not available")
@pytest.mark.parametrize("module_name,class_name,spec", _surface_classes())
def test_constructor_parameters_match_v2_surface(module_name, class_name, spec):
    module = ours_serializers if module_name.endswith(".serializers") else ours_deserializers
    cls = getattr(module, class_name)
    params = [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]
    expected = [p for p in spec["init"] if p["name"] != "self"]
    assert [p.name for p in params] == [p["name"] for p in expected]
    for param, wanted in zip(params, expected):
        default = param.default
        if isinstance(default, tuple):
            default = list(default)
        assert default == wanted.get("default"), (class_name, param.name)
    for method, method_spec in spec["methods"].items():
        ours = [p.name for p in inspect.signature(getattr(cls, method)).parameters.values()]
        assert ours == [p["name"] for p in method_spec["params"]]


def _run_python(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_v2_import_paths_reexport_and_import_no_numpy():
    code = (
        "import sys, sagemaker_estimators._startup\n"
        "import sagemaker\n"
        "from sagemaker.serializers import CSVSerializer, NumpySerializer, SparseMatrixSerializer\n"
        "from sagemaker.deserializers import NumpyDeserializer, PandasDeserializer\n"
        "from sagemaker_estimators.payloads import serializers, deserializers\n"
        "assert CSVSerializer is serializers.CSVSerializer\n"
        "assert NumpyDeserializer is deserializers.NumpyDeserializer\n"
        "assert sagemaker.serializers.JSONSerializer is serializers.JSONSerializer\n"
        "print(CSVSerializer().serialize([[1, 2], [3, 4]]))\n"
        "heavy = sorted(m for m in ('numpy', 'pandas', 'scipy', 'torch') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    done = _run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["1,2", "3,4", "HEAVY []"]


def test_missing_optional_package_is_named():
    # numpy made unimportable in a fresh interpreter: the error names the package to install.
    code = (
        "import sys\n"
        "sys.modules['numpy'] = None\n"
        "sys.modules['pandas'] = None\n"
        "from sagemaker_estimators.payloads.serializers import NumpySerializer, CSVSerializer\n"
        "from sagemaker_estimators.payloads.deserializers import NumpyDeserializer, PandasDeserializer\n"
        "import io\n"
        "print(CSVSerializer().serialize([1, 2]))\n"
        "for call in (lambda: NumpySerializer().serialize([1, 2]),\n"
        "             lambda: NumpyDeserializer().deserialize(io.BytesIO(b'1,2'), 'text/csv'),\n"
        "             lambda: PandasDeserializer().deserialize(io.BytesIO(b'a\\n1'), 'text/csv')):\n"
        "    try:\n"
        "        call()\n"
        "    except ImportError as error:\n"
        "        print('ERR', error)\n"
    )
    done = _run_python(code)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "1,2"
    assert len(lines) == 4
    assert "NumpySerializer" in lines[1] and "pip install numpy" in lines[1]
    assert "NumpyDeserializer" in lines[2] and "pip install numpy" in lines[2]
    assert "PandasDeserializer" in lines[3] and "pip install pandas" in lines[3]


def test_numpy_deserializer_never_unpickles_by_default(tmp_path):
    np = pytest.importorskip("numpy")
    marker = tmp_path / "unpickled"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    buffer = io.BytesIO()
    np.save(buffer, np.array([Payload()], dtype=object), allow_pickle=True)
    body = buffer.getvalue()
    with pytest.raises(ValueError, match="allow_pickle=True"):
        ours_deserializers.NumpyDeserializer().deserialize(io.BytesIO(body), "application/x-npy")
    with pytest.raises(ValueError, match="allow_pickle=True"):
        ours_deserializers.NumpyDeserializer(allow_pickle="yes").deserialize(io.BytesIO(body), "application/x-npy")
    assert not marker.exists()
    ours_deserializers.NumpyDeserializer(allow_pickle=True).deserialize(io.BytesIO(body), "application/x-npy")
    assert marker.exists()


def test_deserializers_close_the_stream_except_stream_deserializer():
    for deserializer, content_type in (
        (ours_deserializers.BytesDeserializer(), "application/octet-stream"),
        (ours_deserializers.StringDeserializer(), "application/json"),
        (ours_deserializers.JSONDeserializer(), "application/json"),
        (ours_deserializers.CSVDeserializer(), "text/csv"),
        (ours_deserializers.JSONLinesDeserializer(), "application/jsonlines"),
    ):
        stream = io.BytesIO(b"[1]")
        deserializer.deserialize(stream, content_type)
        assert stream.closed, type(deserializer).__name__
    stream = io.BytesIO(b"raw")
    returned, content_type = ours_deserializers.StreamDeserializer().deserialize(stream, "x/y")
    assert returned is stream and not stream.closed and content_type == "x/y"


def test_bad_content_type_is_rejected_with_its_value():
    with pytest.raises(ValueError, match=r"content_type .* got 5 \(int\)"):
        ours_serializers.CSVSerializer(content_type=5)
    with pytest.raises(TypeError, match="CSVSerializer cannot serialize a dict"):
        ours_serializers.CSVSerializer().serialize({"a": 1})


def test_tensor_serializers():
    torch = pytest.importorskip("torch")
    tensor = torch.tensor([[1.0, 2.0], [3.0, 4.5]])
    body = ours_serializers.TorchTensorSerializer().serialize(tensor)
    back = ours_deserializers.TorchTensorDeserializer().deserialize(io.BytesIO(body), "tensor/pt")
    assert torch.equal(back, tensor)
    with pytest.raises(ValueError, match="torch.Tensor"):
        ours_serializers.TorchTensorSerializer().serialize([1, 2])


def test_user_subclasses_written_for_v2_still_work():
    class UpperSerializer(ours_serializers.BaseSerializer):
        CONTENT_TYPE = "text/plain"

        def serialize(self, data):
            return data.upper()

    class LinesDeserializer(ours_deserializers.SimpleBaseDeserializer):
        def deserialize(self, stream, content_type):
            return stream.read().decode().splitlines()

    assert UpperSerializer().serialize("abc") == "ABC" and UpperSerializer().CONTENT_TYPE == "text/plain"
    deserializer = LinesDeserializer(accept="text/plain")
    assert deserializer.ACCEPT == ("text/plain",)
    assert deserializer.deserialize(io.BytesIO(b"a\nb"), "text/plain") == ["a", "b"]
    with pytest.raises(TypeError):
        ours_serializers.BaseSerializer()  # abstract, as in V2
