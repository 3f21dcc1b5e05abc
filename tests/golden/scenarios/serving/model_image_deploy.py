"""Model(image_uri, model_data).deploy() (returns None without predictor_cls), then delete paths."""
from sagemaker.model import Model
from sagemaker.predictor import Predictor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

model = Model(image_uri=IMAGE, model_data="s3://my-models/model.tar.gz", role=ROLE)
result = model.deploy(initial_instance_count=1, instance_type="ml.m5.large")
record_value("deploy_result", result)
record_value("endpoint", model.endpoint_name)
predictor = Predictor(endpoint_name=model.endpoint_name)
predictor.delete_model()
predictor.delete_endpoint(delete_endpoint_config=False)
