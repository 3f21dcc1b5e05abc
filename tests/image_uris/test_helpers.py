"""The helper API estimators use: versions, Python versions, processors, local modes."""
from __future__ import annotations

import pytest

from sagemaker_estimators import image_uris
from sagemaker_estimators.image_uris import UnsupportedValueError


@pytest.mark.parametrize("instance_type, processor", [
    ("ml.m5.xlarge", "cpu"), ("ml.c5.18xlarge", "cpu"), ("ml.g5.xlarge", "gpu"),
    ("ml.p4d.24xlarge", "gpu"), ("ml.p5.48xlarge", "gpu"), ("ml.inf1.xlarge", "inf"),
    ("ml.inf2.8xlarge", "inf"), ("ml.trn1.32xlarge", "trn"), ("ml.trn2.48xlarge", "trn"),
    ("ml.c6g.large", "cpu"), ("ml.m6gd.xlarge", "cpu"), ("ml_m5", "cpu"),
    ("local", "cpu"), ("local_gpu", "gpu"), ("local_process", "cpu"),
])
def test_processor_for_instance_type(instance_type, processor):
    assert image_uris.processor_for_instance_type(instance_type) == processor


def test_processor_prefers_a_family_the_images_are_built_for():
    assert image_uris.processor_for_instance_type("ml.inf2.xlarge", ["inf2", "cpu"]) == "inf2"
    assert image_uris.processor_for_instance_type("ml.c5.xlarge", ["c5", "cpu"]) == "c5"


@pytest.mark.parametrize("bad", ["m5.xlarge", "ml.", "gpu", "ML.M5.XLARGE"])
def test_processor_rejects_malformed_instance_types(bad):
    with pytest.raises(ValueError, match=f"Invalid SageMaker instance type: {bad}.*local_gpu"):
        image_uris.processor_for_instance_type(bad)


def test_processor_needs_an_instance_type():
    with pytest.raises(ValueError, match="Empty SageMaker instance type"):
        image_uris.processor_for_instance_type("")
    with pytest.raises(TypeError, match="instance_type must be a str"):
        image_uris.processor_for_instance_type(5)  # type: ignore[arg-type]


def test_instance_type_predicates():
    assert [image_uris.is_local_instance_type(t) for t in
            ("local", "local_gpu", "local_process", "ml.m5.large", None)] == \
        [True, True, True, False, False]
    assert image_uris.is_graviton_instance_type("ml.c7g.2xlarge")
    assert not image_uris.is_graviton_instance_type("ml.c7i.2xlarge")
    assert image_uris.instance_family("ml.p4de.24xlarge") == "p4de"
    assert image_uris.instance_family("local") == ""


def test_versions_and_aliases(bundled_only):
    versions = image_uris.supported_versions("pytorch", "training")
    assert "2.1.0" in versions and "2.1" in versions and "0.4.0" in versions
    assert image_uris.validate_version("pytorch", "2.1", "training") == "2.1.0"
    assert image_uris.validate_version("pytorch", "2.1.0", "training") == "2.1.0"
    assert image_uris.validate_version("xgboost", "1.7-1", "training") == "1.7-1"
    assert image_uris.latest_version("pytorch", "training") == "2.8.0"
    assert image_uris.latest_version("sklearn", "training") == "1.4-2"


def test_bad_version_lists_valid_choices(bundled_only):
    with pytest.raises(UnsupportedValueError) as info:
        image_uris.validate_version("pytorch", "7.7", "training")
    error = info.value
    assert (error.arg_name, error.value) == ("pytorch version", "7.7")
    assert error.choices == image_uris.supported_versions("pytorch", "training")
    assert "Unsupported pytorch version: 7.7. Supported pytorch version(s): 0.4.0," in str(error)
    assert "pip install -U sagemaker" not in str(error)


def test_bad_scope_lists_valid_choices(bundled_only):
    with pytest.raises(ValueError, match=r"Unsupported image scope: serving\. Supported image "
                                         r"scope\(s\): eia, inference, inference_graviton, "
                                         r"training\."):
        image_uris.supported_versions("pytorch", "serving")


def test_python_versions(bundled_only):
    assert image_uris.supported_py_versions("pytorch", "1.8", "training") == ["py3", "py36"]
    assert image_uris.validate_py_version("pytorch", "2.1", None, "training") == "py310"
    assert image_uris.validate_py_version("pytorch", "1.8", "py36", "training") == "py36"
    assert image_uris.supported_py_versions("kmeans", "1", "training") == []
    assert image_uris.validate_py_version("kmeans", "1", "py3", "training") is None
    assert image_uris.supported_py_versions(
        "huggingface", "4.28", "training", base_framework_version="pytorch2.0") == ["py310"]
    with pytest.raises(UnsupportedValueError, match=r"Unsupported Python version: py27\. "
                                                    r"Supported Python version\(s\): py3, py36"):
        image_uris.validate_py_version("pytorch", "1.8", "py27", "training")
    with pytest.raises(UnsupportedValueError, match="Supported base framework"):
        image_uris.supported_py_versions("huggingface", "4.28", "training",
                                         base_framework_version="pytorch0.1")
    with pytest.raises(UnsupportedValueError, match="Unsupported pytorch version: 0.0"):
        image_uris.supported_py_versions("pytorch", "0.0", "training")


def test_frameworks_cover_algorithms_and_frameworks(bundled_only):
    names = image_uris.frameworks()
    for name in ("pytorch", "tensorflow", "xgboost", "sklearn", "huggingface", "kmeans",
                 "linear-learner", "object-detection", "blazingtext", "factorization-machines"):
        assert name in names
    assert "instance_gpu_info" not in names


def test_local_instance_types_pick_cpu_and_gpu_images(bundled_only):
    common = dict(framework="pytorch", region="us-west-2", version="2.1", py_version="py310",
                  image_scope="training")
    assert image_uris.retrieve(instance_type="local", **common).endswith(":2.1-cpu-py310")
    assert image_uris.retrieve(instance_type="local_gpu", **common).endswith(":2.1-gpu-py310")
    # V2 has no local_process; here it is the CPU image
    assert image_uris.retrieve(instance_type="local_process", **common).endswith(
        ":2.1-cpu-py310")


def test_jumpstart_is_not_supported(bundled_only):
    with pytest.raises(ValueError, match="JumpStart models are not supported.*'huggingface-"):
        image_uris.retrieve(None, "us-west-2", model_id="huggingface-llm-x", model_version="*")
    with pytest.raises(ValueError, match="JumpStart"):
        image_uris.retrieve("pytorch", "us-west-2", model_version="1.0")


def test_region_partitions(bundled_only):
    def uri(region):
        return image_uris.retrieve("xgboost", region, "1.7-1")

    assert ".dkr.ecr.cn-northwest-1.amazonaws.com.cn/" in uri("cn-northwest-1")
    assert ".dkr.ecr.us-gov-east-1.amazonaws.com/" in uri("us-gov-east-1")
    assert ".dkr.ecr.us-isob-east-1.sc2s.sgov.gov/" in uri("us-isob-east-1")
    with pytest.raises(UnsupportedValueError, match=r"Unsupported region: mars-1\. "
                                                    r"Supported region\(s\): .*us-west-2"):
        uri("mars-1")


def test_bad_argument_types_are_reported(bundled_only):
    with pytest.raises(TypeError, match="framework and region must be str"):
        image_uris.retrieve("pytorch", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"version must be a str or None, got \['2.1'\]"):
        image_uris.retrieve("pytorch", "us-west-2", ["2.1"], "py310", "ml.m5.xlarge",
                            image_scope="training")
    with pytest.raises(TypeError, match="py_version must be a str or None, got 310"):
        image_uris.retrieve("pytorch", "us-west-2", "2.1", 310, "ml.m5.xlarge",
                            image_scope="training")


def test_v2_import_path():
    from sagemaker import image_uris as facade

    assert facade.retrieve is image_uris.retrieve
    assert facade.get_training_image_uri is image_uris.get_training_image_uri
    assert facade.get_base_python_image_uri is image_uris.get_base_python_image_uri


def test_helpers_without_a_scope_look_at_every_scope(bundled_only):
    assert image_uris.validate_version("pytorch", "2.1") == "2.1.0"
    assert image_uris.validate_version("tensorflow", "2.13") == "2.13.0"
    everything = image_uris.supported_versions("pytorch")
    assert set(image_uris.supported_versions("pytorch", "training")) <= set(everything)
    assert set(image_uris.supported_versions("pytorch", "eia")) <= set(everything)
    assert image_uris.latest_version("pytorch") == image_uris.latest_version("pytorch", "training")
    assert image_uris.supported_py_versions("pytorch", "2.1") == ["py310"]
    with pytest.raises(UnsupportedValueError) as info:
        image_uris.validate_version("pytorch", "0.0.1")
    assert info.value.choices == everything
