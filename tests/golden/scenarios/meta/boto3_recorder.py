"""Plain boto3 (no sagemaker import): exercises every recorder feature on both interpreters.

Bodies of every kind (bytes, str, a file through upload_file, a tar.gz), S3 extra args,
a SageMaker request with a timestamped name, an error answer, repeated polling calls,
a recorded value, and a sagemaker-runtime InvokeEndpoint body.
"""
import io
import os
import tarfile
import time

import boto3

REGION = "us-west-2"
s3 = boto3.client("s3")
s3.create_bucket(Bucket="golden-meta", CreateBucketConfiguration={"LocationConstraint": REGION})
s3.put_object(Bucket="golden-meta", Key="bytes.bin", Body=b"\x00\x01binary")
s3.put_object(Bucket="golden-meta", Key="text.txt", Body="hello, world", ContentType="text/plain")

os.makedirs("src/pkg", exist_ok=True)
with open("src/train.py", "w") as handle:
    handle.write("print('train')\n")
with open("src/pkg/util.py", "w") as handle:
    handle.write("X = 1\n")
with tarfile.open("sourcedir.tar.gz", "w:gz") as archive:
    archive.add("src", arcname=".")
s3.upload_file(
    "sourcedir.tar.gz",
    "golden-meta",
    "job/source/sourcedir.tar.gz",
    ExtraArgs={"ServerSideEncryption": "aws:kms", "ExpectedBucketOwner": "123456789012"},
)
buffer = io.BytesIO(b"a,b\n1,2")
s3.upload_fileobj(buffer, "golden-meta", "data/train.csv")

try:
    s3.head_object(Bucket="golden-meta", Key="missing")
except s3.exceptions.ClientError as error:
    record_value("missing", error.response["Error"]["Code"])

stamp = time.strftime("%Y-%m-%d-%H-%M-%S-000", time.gmtime())
sm = boto3.client("sagemaker")
name = f"meta-job-{stamp}"
sm.create_training_job(
    TrainingJobName=name,
    AlgorithmSpecification={"TrainingImage": "123456789012.dkr.ecr.us-west-2.amazonaws.com/a:1", "TrainingInputMode": "File"},
    RoleArn="arn:aws:iam::123456789012:role/SageMakerRole",
    OutputDataConfig={"S3OutputPath": f"s3://golden-meta/out/{name}"},
    ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
    StoppingCondition={"MaxRuntimeInSeconds": 3600},
    HyperParameters={"sagemaker_job_name": f'"{name}"'},
)
for _ in range(3):  # polling: identical consecutive calls count once
    status = sm.describe_training_job(TrainingJobName=name)["TrainingJobStatus"]
record_value("status", status)
record_value("job", name)

runtime = boto3.client("sagemaker-runtime")
response = runtime.invoke_endpoint(EndpointName="meta-endpoint", Body=b"1,2,3", ContentType="text/csv", Accept="*/*")
record_value("invoke_body", response["Body"].read().decode())
