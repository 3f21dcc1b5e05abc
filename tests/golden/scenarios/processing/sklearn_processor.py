"""SKLearnProcessor: image from the registry, default names for inputs and outputs, python3 command."""
# logs=False: moto's DescribeProcessingJob has no ProcessingResources, which V2's log reader needs
from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.sklearn.processing import SKLearnProcessor

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

with open("preprocessing.py", "w") as handle:
    handle.write("print('sklearn processing')\n")

processor = SKLearnProcessor(
    framework_version="1.2-1",
    role=ROLE,
    instance_type="ml.m5.xlarge",
    instance_count=1,
)
processor.run(
    code="preprocessing.py",
    inputs=[ProcessingInput(source="s3://my-data/raw/data.csv", destination="/opt/ml/processing/input")],
    outputs=[
        ProcessingOutput(source="/opt/ml/processing/train"),
        ProcessingOutput(source="/opt/ml/processing/test"),
    ],
    arguments=["--train-test-split-ratio", "0.2"],
    logs=False,
)
record_value("image_uri", processor.image_uri)
record_value("command", processor.command)
record_value("output_names", [o.output_name for o in processor.latest_job.outputs])
record_value("input_names", [i.input_name for i in processor.latest_job.inputs])
