"""ScriptProcessor with local code, a local input that is uploaded, an S3 output, job_name, kms_key, logs off."""
import os

from sagemaker.processing import ProcessingInput, ProcessingOutput, ScriptProcessor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("preprocess.py", "w") as handle:
    handle.write("import sys\nprint('processing', sys.argv[1:])\n")
os.makedirs("data/nested", exist_ok=True)
with open("data/a.csv", "w") as handle:
    handle.write("1,2\n3,4\n")
with open("data/nested/b.csv", "w") as handle:
    handle.write("5,6\n")

processor = ScriptProcessor(
    role=ROLE,
    image_uri="123456789012.dkr.ecr.us-west-2.amazonaws.com/my-processing:1.0",
    command=["python3"],
    instance_count=1,
    instance_type="ml.m5.large",
    volume_size_in_gb=50,
    max_runtime_in_seconds=3600,
    base_job_name="prep",
    env={"MODE": "full"},
    tags=[{"Key": "team", "Value": "ml"}],
)
processor.run(
    code="preprocess.py",
    inputs=[ProcessingInput(source="data", destination="/opt/ml/processing/input/data", input_name="raw")],
    outputs=[
        ProcessingOutput(source="/opt/ml/processing/train", destination="s3://my-out/train", output_name="train"),
        ProcessingOutput(source="/opt/ml/processing/test", destination="s3://my-out/test", output_name="test",
                         s3_upload_mode="Continuous"),
    ],
    arguments=["--flag", "x"],
    job_name="script-processor-job",
    kms_key="arn:aws:kms:us-west-2:123456789012:key/code-key",
    logs=False,
)
record_value("entrypoint", processor.entrypoint)
record_value("inputs", [i.source for i in processor.latest_job.inputs])
