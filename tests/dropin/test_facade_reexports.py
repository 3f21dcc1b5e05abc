"""Names V2's modules re-export from one another, the lazy loading behind them, and
the small V2 helpers that come with them (``sagemaker.s3_utils``, ``sagemaker.amazon.validation``,
``prepare_workflow_for_training``)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import boto3
import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"

#: modules that only the model/predictor/session re-exports need
_SERVING = ("sagemaker_estimators.serving.model", "sagemaker_estimators.serving.predictor")


def _fresh_python(code: str) -> dict:
    """Run ``code`` in a new interpreter (a clean ``sys.modules``); it prints one JSON object."""
    result = subprocess.run([sys.executable, "-c", "import sagemaker_estimators._startup\n" + textwrap.dedent(code)],
                            capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module, estimator, reexports", [
    ("sagemaker.amazon.kmeans", "KMeans",
     {"Model": "sagemaker_estimators.serving.model", "Predictor": "sagemaker_estimators.serving.predictor",
      "Session": "sagemaker_estimators.session",
      "RecordSerializer": "sagemaker_estimators.algorithms.record_serializers",
      "RecordDeserializer": "sagemaker_estimators.algorithms.record_serializers",
      "KMeansModel": "sagemaker_estimators.algorithms.models"}),
    ("sagemaker.amazon.ipinsights", "IPInsights",
     {"CSVSerializer": "sagemaker_estimators.payloads.serializers",
      "JSONDeserializer": "sagemaker_estimators.payloads.deserializers",
      "IPInsightsPredictor": "sagemaker_estimators.algorithms.models"}),
    ("sagemaker.tensorflow.estimator", "TensorFlow",
     {"Transformer": "sagemaker_estimators.serving.transformer",
      "TensorFlowModel": "sagemaker_estimators.frameworks.tensorflow.model"}),
])
def test_estimator_import_leaves_serving_stack_until_a_reexport_is_used(module, estimator, reexports):
    report = _fresh_python(f"""
        import importlib, json, sys
        facade = importlib.import_module({module!r})
        getattr(facade, {estimator!r})
        before = [name for name in {list(_SERVING)!r} if name in sys.modules]
        same = {{name: getattr(facade, name) is getattr(importlib.import_module(home), name)
                for name, home in {reexports!r}.items()}}
        print(json.dumps({{"before": before, "same": same}}))
    """)
    assert report["before"] == []
    assert report["same"] == dict.fromkeys(reexports, True)


def test_base_serializers_load_the_record_codec_on_first_use():
    report = _fresh_python("""
        import json, sys
        import sagemaker.base_serializers as serializers, sagemaker.base_deserializers as deserializers
        before = "sagemaker_estimators.algorithms.record_serializers" in sys.modules
        from sagemaker.amazon.common import RecordDeserializer, RecordSerializer, read_records
        from sagemaker.serializer_utils import write_numpy_to_dense_tensor
        print(json.dumps({"before": before, "same": [
            serializers.RecordSerializer is RecordSerializer,
            serializers.write_numpy_to_dense_tensor is write_numpy_to_dense_tensor,
            deserializers.RecordDeserializer is RecordDeserializer,
            deserializers.read_records is read_records]}))
    """)
    assert report == {"before": False, "same": [True, True, True, True]}


def test_framework_packages_reach_their_submodules_as_attributes():
    import sagemaker_estimators._startup  # noqa: F401
    import sagemaker.huggingface
    import sagemaker.mxnet
    import sagemaker.pytorch
    import sagemaker.tensorflow
    from sagemaker_estimators.frameworks.compiler import TrainingCompilerConfig

    assert sagemaker.tensorflow.estimator.TensorFlow is sagemaker.tensorflow.TensorFlow
    assert sagemaker.tensorflow.model.TensorFlowPredictor is sagemaker.tensorflow.TensorFlowPredictor
    assert sagemaker.tensorflow.training_compiler.config.TrainingCompilerConfig is TrainingCompilerConfig
    assert sagemaker.mxnet.estimator.MXNet is sagemaker.mxnet.MXNet
    assert sagemaker.mxnet.model.FrameworkModel is sagemaker.model.FrameworkModel
    assert sagemaker.pytorch.processing.PyTorchProcessor.__name__ == "PyTorchProcessor"
    assert sagemaker.huggingface.llm_utils.get_huggingface_llm_image_uri is sagemaker.huggingface.get_huggingface_llm_image_uri
    with pytest.raises(AttributeError, match="no attribute 'no_such_thing'"):
        sagemaker.tensorflow.no_such_thing


def test_lazy_submodule_that_is_absent_is_a_missing_attribute_but_a_broken_one_raises(tmp_path, monkeypatch):
    from sagemaker_estimators import _facade

    package = tmp_path / "facade_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "present.py").write_text("VALUE = 1\n")
    (package / "broken.py").write_text("import facade_probe_missing_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    getattr_ = _facade.lazy_names("facade_probe", {}, submodules=("present", "absent", "broken"))

    assert getattr_("present").VALUE == 1
    with pytest.raises(AttributeError, match="no attribute 'absent'"):
        getattr_("absent")
    with pytest.raises(ModuleNotFoundError, match="facade_probe_missing_dependency"):
        getattr_("broken")
    for name in [m for m in sys.modules if m.startswith("facade_probe")]:
        monkeypatch.delitem(sys.modules, name)


# V2 2.257.7's sagemaker.s3_utils.is_s3_url answers, recorded by running V2
IS_S3_URL_V2 = [("s3://b/k", True), ("/x", False), ("S3://b/k", True), ("s3:///k", True), ("s3://", True),
                ("https://b.s3.amazonaws.com/k", False), ("file:///tmp/x", False), ("", False)]


@pytest.mark.parametrize("url, expected", IS_S3_URL_V2)
def test_is_s3_url_answers_as_v2(url, expected):
    from sagemaker.s3_utils import is_s3_url

    assert is_s3_url(url) is expected


def test_amazon_estimator_reexports_its_helper_modules():
    import sagemaker_estimators._startup  # noqa: F401
    from sagemaker.amazon import amazon_estimator
    from sagemaker.s3 import parse_s3_url

    assert amazon_estimator.s3_utils.parse_s3_url is parse_s3_url
    assert amazon_estimator.validation.gt(0)(1) is True
    assert amazon_estimator.sagemaker_timestamp()[:2] == "20"


def test_validation_checks_are_callables_as_in_v2():
    from sagemaker.amazon.validation import ge, gt, isin, istype, le, lt

    assert (gt(1)(2), gt(1)(1), ge(1)(1), lt(1)(1), le(1)(1)) == (True, False, True, False, True)
    assert (isin("a", "b")("b"), isin("a", "b")("c")) == (True, False)
    assert (istype(int)(3), istype((int, str))("x"), istype(str)(3)) == (True, True, False)


def test_prepare_workflow_for_training_uploads_code_and_creates_no_job(aws, tmp_path, training_requests):
    from sagemaker.pytorch import PyTorch

    (tmp_path / "train.py").write_text("print('training')\n")
    estimator = PyTorch(entry_point="train.py", source_dir=str(tmp_path), role=ROLE_ARN, framework_version="2.1",
                        py_version="py310", instance_count=1, instance_type="ml.m5.large")
    estimator.prepare_workflow_for_training(job_name="workflow-job")

    bucket = estimator.sagemaker_session.default_bucket()
    assert training_requests == []
    assert estimator._current_job_name == "workflow-job"
    assert estimator.output_path == f"s3://{bucket}/"
    keys = [item["Key"] for item in boto3.client("s3").list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert keys == ["workflow-job/source/sourcedir.tar.gz"]
