"""deploy() with endpoint_name, model_name, tags, kms_key, volume_size and timeouts."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(
    initial_instance_count=2,
    instance_type="ml.m5.large",
    endpoint_name="my-golden-endpoint",
    model_name="my-golden-model",
    tags=[{"Key": "stage", "Value": "test"}],
    kms_key="arn:aws:kms:us-west-2:123456789012:key/endpoint-key",
    volume_size=64,
    model_data_download_timeout=1200,
    container_startup_health_check_timeout=600,
)
record_value("endpoint", predictor.endpoint_name)
