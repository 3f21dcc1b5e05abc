"""TensorFlowProcessor (FrameworkProcessor) with source_dir, requirements.txt, a GPU instance and arguments."""
# logs=False: moto's DescribeProcessingJob has no ProcessingResources, which V2's log reader needs
import os

from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.tensorflow import TensorFlowProcessor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

os.makedirs("src/lib", exist_ok=True)
with open("src/evaluate.py", "w") as handle:
    handle.write("from lib import metrics\nprint(metrics.NAME)\n")
with open("src/lib/__init__.py", "w") as handle:
    handle.write("")
with open("src/lib/metrics.py", "w") as handle:
    handle.write("NAME = 'accuracy'\n")
with open("src/requirements.txt", "w") as handle:
    handle.write("scikit-learn\n")

processor = TensorFlowProcessor(
    framework_version="2.14",
    py_version="py310",
    role=ROLE,
    instance_type="ml.g5.xlarge",
    instance_count=2,
    volume_size_in_gb=50,
    max_runtime_in_seconds=3600,
)
processor.run(
    code="evaluate.py",
    source_dir="src",
    inputs=[ProcessingInput(source="s3://my-data/model", destination="/opt/ml/processing/model",
                            input_name="model")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/evaluation", destination="s3://my-out/tf",
                              output_name="evaluation")],
    arguments=["--threshold", "0.5"],
    logs=False,
)
record_value("image_uri", processor.image_uri)
record_value("entrypoint", processor.entrypoint)
record_value("base_job_name", processor.base_job_name)
