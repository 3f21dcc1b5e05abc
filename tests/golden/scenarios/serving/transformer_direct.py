"""sagemaker.transformer.Transformer on an existing model, and Transformer.attach()."""
import boto3

from sagemaker.transformer import Transformer

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

boto3.client("sagemaker").create_model(
    ModelName="existing-model",
    PrimaryContainer={"Image": IMAGE, "ModelDataUrl": "s3://my-models/model.tar.gz"},
    ExecutionRoleArn=ROLE,
)
transformer = Transformer(
    model_name="existing-model",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_path="s3://my-output/direct",
    strategy="SingleRecord",
)
transformer.transform("s3://my-data/manifest", data_type="ManifestFile", content_type="application/jsonlines", compression_type="Gzip", job_name="direct-transform")
again = Transformer.attach("direct-transform")
record_value("attached_model", again.model_name)
record_value("attached_output", again.output_path)
