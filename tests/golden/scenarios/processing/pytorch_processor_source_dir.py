"""PyTorchProcessor (FrameworkProcessor) with source_dir, requirements.txt, dependencies and arguments."""
# logs=False: moto's DescribeProcessingJob has no ProcessingResources, which V2's log reader needs
import os

from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.pytorch.processing import PyTorchProcessor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

os.makedirs("src/helpers", exist_ok=True)
with open("src/process.py", "w") as handle:
    handle.write("from helpers import util\nprint(util.VALUE)\n")
with open("src/helpers/__init__.py", "w") as handle:
    handle.write("")
with open("src/helpers/util.py", "w") as handle:
    handle.write("VALUE = 7\n")
with open("src/requirements.txt", "w") as handle:
    handle.write("pandas\n")
os.makedirs("lib/common", exist_ok=True)
with open("lib/common/__init__.py", "w") as handle:
    handle.write("X = 1\n")

processor = PyTorchProcessor(
    framework_version="2.1",
    py_version="py310",
    role=ROLE,
    instance_type="ml.g5.xlarge",
    instance_count=1,
)
processor.run(
    code="process.py",
    source_dir="src",
    dependencies=["lib/common"],
    inputs=[ProcessingInput(source="s3://my-data/raw", destination="/opt/ml/processing/input")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/output", destination="s3://my-out/pt")],
    arguments=["--epochs", "1"],
    logs=False,
)
record_value("image_uri", processor.image_uri)
record_value("entrypoint", processor.entrypoint)
record_value("base_job_name", processor.base_job_name)
