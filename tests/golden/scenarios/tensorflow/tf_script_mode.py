"""TensorFlow 2.13 script mode: default model_dir (s3://<output>/<job>/model), hyperparameters, metrics on."""
from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("train.py", "w") as handle:
    handle.write("import argparse\nprint(\x27training\x27)\n")

est = TensorFlow(
    entry_point="train.py",
    role=ROLE,
    framework_version="2.13",
    py_version="py310",
    instance_count=1,
    instance_type="ml.m5.xlarge",
    hyperparameters={"epochs": 3, "batch-size": 64, "learning_rate": 0.001},
)
est.fit({"training": "s3://my-data/train", "validation": "s3://my-data/val"})
record_value("model_dir", est.model_dir)
record_value("hyperparameters", est.hyperparameters())
