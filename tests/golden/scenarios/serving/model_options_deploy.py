"""Model with name, env, vpc_config, network isolation, predictor_cls and tags on deploy."""
from sagemaker.model import Model
from sagemaker.predictor import Predictor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

model = Model(
    image_uri=IMAGE,
    model_data="s3://my-models/model.tar.gz",
    role=ROLE,
    name="my-named-model",
    env={"A": "1", "B": "two"},
    vpc_config={"Subnets": ["subnet-0a1b2c3d"], "SecurityGroupIds": ["sg-0a1b2c3d"]},
    enable_network_isolation=True,
    predictor_cls=Predictor,
)
predictor = model.deploy(
    initial_instance_count=1,
    instance_type="ml.c5.xlarge",
    endpoint_name="named-endpoint",
    tags=[{"Key": "owner", "Value": "me"}],
)
record_value("predictor", type(predictor).__name__)
