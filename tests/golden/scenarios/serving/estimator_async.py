"""deploy() with an AsyncInferenceConfig."""
from sagemaker.estimator import Estimator
from sagemaker.async_inference import AsyncInferenceConfig

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(
    initial_instance_count=1,
    instance_type="ml.m5.large",
    async_inference_config=AsyncInferenceConfig(
        output_path="s3://my-async/output",
        max_concurrent_invocations_per_instance=4,
    ),
)
record_value("endpoint", predictor.endpoint_name)
