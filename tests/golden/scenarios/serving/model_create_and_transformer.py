"""Model.create() then Model.transformer().transform() with model_client_config and batch data capture."""
from sagemaker.model import Model
from sagemaker.inputs import BatchDataCaptureConfig

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

model = Model(image_uri=IMAGE, model_data="s3://my-models/model.tar.gz", role=ROLE, name="batch-model")
model.create(instance_type="ml.m5.xlarge")
transformer = model.transformer(instance_count=1, instance_type="ml.m5.xlarge", output_path="s3://my-output/batch")
transformer.transform(
    "s3://my-data/batch",
    content_type="text/csv",
    model_client_config={"InvocationsTimeoutInSeconds": 600, "InvocationsMaxRetries": 2},
    batch_data_capture_config=BatchDataCaptureConfig(destination_s3_uri="s3://my-capture/batch"),
)
