"""HuggingFaceProcessor with transformers/pytorch versions and a source_dir."""
import os

from sagemaker.huggingface.processing import HuggingFaceProcessor
from sagemaker.processing import ProcessingInput, ProcessingOutput

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

os.makedirs("scripts", exist_ok=True)
with open("scripts/tokenize.py", "w") as handle:
    handle.write("print('tokenize')\n")

processor = HuggingFaceProcessor(
    role=ROLE,
    instance_type="ml.g5.xlarge",
    instance_count=1,
    transformers_version="4.36.0",
    pytorch_version="2.1.0",
    py_version="py310",
    base_job_name="hf-tokenize",
)
processor.run(
    code="tokenize.py",
    source_dir="scripts",
    inputs=[ProcessingInput(source="s3://my-data/text", destination="/opt/ml/processing/input")],
    outputs=[ProcessingOutput(source="/opt/ml/processing/output", output_name="tokens")],
    logs=False,
)
record_value("image_uri", processor.image_uri)
