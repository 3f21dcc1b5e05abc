"""deploy() with a ServerlessInferenceConfig (no instances)."""
from sagemaker.estimator import Estimator
from sagemaker.serverless import ServerlessInferenceConfig

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(
    serverless_inference_config=ServerlessInferenceConfig(memory_size_in_mb=2048, max_concurrency=5),
)
record_value("endpoint", predictor.endpoint_name)
predictor.delete_endpoint()
