"""Batch transform: Transformer from a model and from estimators, attach, wait."""
from __future__ import annotations

import re

import pytest

from sagemaker_estimators.estimators.base import Estimator
from sagemaker_estimators.serving.model import Model
from sagemaker_estimators.serving.transformer import Transformer
from tests.serving.hosting_helpers import IMAGE, ROLE, recorded_session

TS = r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}"


def test_model_transformer_and_transform_job_request(aws):
    session, calls = recorded_session()
    model = Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session, env={"K": "V"}, name="tm")
    transformer = model.transformer(2, "ml.m5.large", strategy="MultiRecord", assemble_with="Line",
                                    output_path="s3://out/path", accept="text/csv", env={"E": "1"},
                                    max_concurrent_transforms=4, max_payload=6, tags={"t": "1"},
                                    output_kms_key="ok", volume_kms_key="vk")
    assert calls.params("CreateModel")["ModelName"] == "tm"
    transformer.transform("s3://data/in", content_type="text/csv", split_type="Line", compression_type="None",
                          input_filter="$[1:]", output_filter="$[0,-1]", join_source="Input",
                          model_client_config={"InvocationsTimeoutInSeconds": 30}, wait=False)
    request = calls.params("CreateTransformJob")
    assert re.fullmatch(f"tm-{TS}", request["TransformJobName"])
    assert request["TransformInput"] == {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
                                                                        "S3Uri": "s3://data/in"}},
                                         "ContentType": "text/csv", "CompressionType": "None", "SplitType": "Line"}
    assert request["TransformOutput"] == {"S3OutputPath": "s3://out/path", "KmsKeyId": "ok", "AssembleWith": "Line",
                                          "Accept": "text/csv"}
    assert request["TransformResources"] == {"InstanceCount": 2, "InstanceType": "ml.m5.large",
                                             "VolumeKmsKeyId": "vk"}
    assert request["DataProcessing"] == {"InputFilter": "$[1:]", "OutputFilter": "$[0,-1]", "JoinSource": "Input"}
    assert request["BatchStrategy"] == "MultiRecord" and request["MaxConcurrentTransforms"] == 4
    assert request["MaxPayloadInMB"] == 6 and request["Environment"] == {"E": "1"}
    assert request["Tags"] == [{"Key": "t", "Value": "1"}]
    assert request["ModelClientConfig"] == {"InvocationsTimeoutInSeconds": 30}
    transformer.wait(logs=False)
    assert session.describe_transform_job(request["TransformJobName"])["TransformJobStatus"] == "Completed"


def test_default_output_path_and_name_from_image(aws):
    session, calls = recorded_session()
    Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session, name="named").create()
    transformer = Transformer("named", 1, "ml.m5.large", sagemaker_session=session)
    transformer.transform("s3://data/in", wait=False)
    job = transformer._current_job_name
    assert re.fullmatch(f"my-algo-{TS}", job)
    assert transformer.output_path == f"s3://sagemaker-us-west-2-123456789012/{job}"
    attached = Transformer.attach(job, sagemaker_session=session)
    assert attached.model_name == "named" and attached.output_path == transformer.output_path
    assert attached.latest_transform_job.name == job
    attached.wait(logs=False)


def test_estimator_transformer_after_fit(aws):
    session, calls = recorded_session()
    est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge",
                    sagemaker_session=session, tags=[{"Key": "a", "Value": "b"}], output_kms_key="kk")
    est.fit("s3://my-data/train", job_name="tr-job", logs=False)
    transformer = est.transformer(1, "ml.c5.xlarge", role="arn:aws:iam::123456789012:role/Other")
    model = calls.params("CreateModel")
    assert re.fullmatch(f"my-algo-{TS}", model["ModelName"])
    assert model["ExecutionRoleArn"] == "arn:aws:iam::123456789012:role/Other"
    assert model["Tags"] == [{"Key": "a", "Value": "b"}]
    transformer.transform("s3://data/batch", data_type="ManifestFile", wait=False)
    request = calls.params("CreateTransformJob")
    assert request["ModelName"] == model["ModelName"]
    assert re.fullmatch(f"my-algo-{TS}", request["TransformJobName"])


@pytest.mark.parametrize("kwargs, error, match", [
    ({"instance_count": 0}, ValueError, "instance_count=0"),
    ({"instance_type": "big"}, ValueError, "instance_type='big'"),
    ({"strategy": "Batch"}, ValueError, "strategy='Batch'"),
    ({"assemble_with": "Lines"}, ValueError, "assemble_with"),
    ({"output_path": "out/"}, ValueError, "output_path"),
])
def test_bad_transformer_arguments_fail_before_create(aws, kwargs, error, match):
    session, calls = recorded_session()
    model = Model(IMAGE, "s3://b/m/model.tar.gz", ROLE, sagemaker_session=session)
    arguments = {"instance_count": 1, "instance_type": "ml.m5.large"}
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        model.transformer(**arguments)
    assert calls.calls == []


@pytest.mark.parametrize("kwargs, match", [
    ({"data": "/local/path"}, "Invalid S3 URI"),
    ({"data": "s3://d/in", "data_type": "S3Object"}, "data_type"),
    ({"data": "s3://d/in", "split_type": "Lines"}, "split_type"),
    ({"data": "s3://d/in", "job_name": "bad_name"}, "job_name"),
])
def test_bad_transform_arguments_fail_before_create(aws, kwargs, match):
    session, calls = recorded_session()
    transformer = Transformer("m", 1, "ml.m5.large", sagemaker_session=session)
    with pytest.raises(ValueError, match=match):
        transformer.transform(**kwargs)
    assert calls.calls == []


@pytest.mark.parametrize("kwargs, error, match", [
    ({"instance_count": 0}, ValueError, "instance_count=0"),
    ({"instance_type": "big"}, ValueError, "instance_type='big'"),
    ({"model_name": ""}, TypeError, "model_name"),
    ({"tags": [{"Key": "a"}]}, ValueError, "tags"),
    ({"output_path": None, "strategy": "Batch"}, ValueError, "strategy='Batch'"),
])
def test_transformer_takes_what_v2_takes_and_transform_refuses_it_before_any_call(aws, kwargs, error, match):
    """V2's Transformer() checks nothing; transform() refuses what could never work, before any call
    (with no output_path, even before the default bucket is looked up or created)."""
    session, calls = recorded_session()
    arguments = {"model_name": "m", "instance_count": 1, "instance_type": "ml.m5.large",
                 "output_path": "s3://out/x", "sagemaker_session": session}
    arguments.update(kwargs)
    transformer = Transformer(**arguments)
    with pytest.raises(error, match=match):
        transformer.transform("s3://d/in")
    assert calls.calls == []


def test_wait_without_job_is_an_error(aws):
    session, _ = recorded_session()
    with pytest.raises(ValueError, match="No transform job"):
        Transformer("m", 1, "ml.m5.large", sagemaker_session=session).wait()
