"""delete_model, delete_endpoint(delete_endpoint_config=False) and Session.delete_* calls."""
from sagemaker.estimator import Estimator
import sagemaker

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(image_uri=IMAGE, role=ROLE, instance_count=1, instance_type="ml.m5.xlarge")
est.fit("s3://my-data/train")

predictor = est.deploy(initial_instance_count=1, instance_type="ml.m5.large", endpoint_name="delete-me")
predictor.delete_model()
predictor.delete_endpoint(delete_endpoint_config=False)
session = sagemaker.Session()
session.delete_endpoint_config("delete-me")
