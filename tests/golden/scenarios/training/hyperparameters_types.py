"""Generic Estimator hyperparameters of every type (V2 sends str() of each)."""
from sagemaker.estimator import Estimator

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

est = Estimator(
    image_uri=IMAGE,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    hyperparameters={
        "int": 10,
        "float": 0.0003,
        "small_float": 2e-05,
        "str": "adam",
        "numeric_str": "0.2",
        "bool_true": True,
        "bool_false": False,
        "list": [128, 64],
        "dict": {"name": "sgd", "momentum": 0.9},
    },
)
est.set_hyperparameters(extra="added", int=11)
record_value("hyperparameters", est.hyperparameters())
est.fit("s3://my-data/train")
