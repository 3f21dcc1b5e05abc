"""SKLearn fit then transformer() with every transform() argument."""
from sagemaker.sklearn import SKLearn

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

est = SKLearn(entry_point="train.py", role=ROLE, framework_version="1.2-1", py_version="py3", instance_count=1, instance_type="ml.m5.large")
est.fit("s3://my-data/train")
transformer = est.transformer(
    instance_count=2,
    instance_type="ml.m5.xlarge",
    strategy="MultiRecord",
    assemble_with="Line",
    output_path="s3://my-output/batch",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/out",
    accept="text/csv",
    env={"MY_ENV": "1"},
    max_concurrent_transforms=4,
    max_payload=6,
    tags=[{"Key": "kind", "Value": "batch"}],
    volume_kms_key="arn:aws:kms:us-west-2:123456789012:key/vol",
)
transformer.transform(
    "s3://my-data/batch/input.csv",
    data_type="S3Prefix",
    content_type="text/csv",
    compression_type="None",
    split_type="Line",
    input_filter="$[1:]",
    output_filter="$[0,-1]",
    join_source="Input",
    job_name="sk-transform-job",
)
record_value("latest_job", transformer.latest_transform_job.name)
