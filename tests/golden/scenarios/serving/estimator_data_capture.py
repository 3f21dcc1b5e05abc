"""deploy() with a DataCaptureConfig."""
from sagemaker.estimator import Estimator
from sagemaker.model_monitor import DataCaptureConfig

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(
    initial_instance_count=1,
    instance_type="ml.m5.large",
    data_capture_config=DataCaptureConfig(
        enable_capture=True,
        sampling_percentage=50,
        destination_s3_uri="s3://my-capture/endpoint",
        capture_options=["REQUEST", "RESPONSE"],
        csv_content_types=["text/csv"],
        json_content_types=["application/json"],
    ),
)
