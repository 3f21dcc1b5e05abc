"""PyTorch hyperparameters of every JSON type (V2 JSON-encodes each value)."""
from sagemaker.pytorch import PyTorch

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint('training')\n")

est = PyTorch(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.1",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
    hyperparameters={
        "epochs": 3,
        "lr": 3e-4,
        "small": 2e-05,
        "zero": 0.0,
        "backend": "gloo",
        "numeric_string": "0.2",
        "flag": True,
        "off": False,
        "nothing": None,
        "layers": [128, 64, 10],
        "opt": {"name": "sgd", "momentum": 0.9},
        "nested": [{"a": 1}, [1, 2]],
    },
)
est.fit("s3://my-data/train")
record_value("hyperparameters", est.hyperparameters())
