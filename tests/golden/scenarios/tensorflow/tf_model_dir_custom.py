"""TensorFlow with an explicit model_dir and a source_dir."""
import os

from sagemaker.tensorflow import TensorFlow

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

os.makedirs("src", exist_ok=True)
with open("src/train.py", "w") as handle:
    handle.write("print('training')\n")
with open("src/requirements.txt", "w") as handle:
    handle.write("pandas\n")

est = TensorFlow(
    entry_point="train.py",
    source_dir="src",
    role=ROLE,
    framework_version="2.16",
    py_version="py310",
    instance_count=1,
    instance_type="ml.g5.xlarge",
    model_dir="s3://my-checkpoints/tf/model",
)
est.fit("s3://my-data/train")
