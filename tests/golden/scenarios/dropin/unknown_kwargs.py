"""Keyword arguments V2 accepts and drops (or hands on) as legacy notebooks pass them."""
from sagemaker.model import Model
from sagemaker.pytorch import PyTorch
from sagemaker.sklearn import SKLearn

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
IMAGE = "123456789012.dkr.ecr.us-west-2.amazonaws.com/my-algo:1.0"

with open("train.py", "w") as handle:
    handle.write("print('training')\n")

# SDK v1 notebooks: script_mode=True; V2 drops it
sk = SKLearn(entry_point="train.py", framework_version="1.2-1", instance_type="ml.m5.xlarge", role=ROLE,
             script_mode=True, base_job_name="sk-unknown-kwargs")
sk.fit("s3://my-data/train", job_name="sk-unknown-kwargs-job")
# estimator.deploy(**kwargs) hands them to create_model(): env reaches the model
sk.deploy(initial_instance_count=1, instance_type="ml.m5.large", endpoint_name="sk-unknown-kwargs-ep",
          env={"MY_SETTING": "1"})

# env= is not an estimator parameter (environment= is): V2 drops it, nothing reaches the request
pt = PyTorch(entry_point="train.py", framework_version="2.1", py_version="py310", instance_count=1,
             instance_type="ml.m5.xlarge", role=ROLE, env={"NCCL_DEBUG": "INFO"}, resources={"gpus": 1})
pt.fit("s3://my-data/train", job_name="pt-unknown-kwargs-job", wait=False)

# Model.deploy(**kwargs) drops what it does not know
model = Model(image_uri=IMAGE, model_data="s3://my-models/model.tar.gz", role=ROLE, name="unknown-kwargs-model")
model.deploy(initial_instance_count=1, instance_type="ml.m5.large", endpoint_name="unknown-kwargs-ep",
             update_endpoint=False, container_startup_health_check_timeout=600, legacy_flag=True)

# Model() itself and transformer() take no **kwargs in V2: a TypeError
for label, call in (
    ("model_init", lambda: Model(image_uri=IMAGE, model_data="s3://my-models/model.tar.gz", role=ROLE, foo=1)),
    ("transformer", lambda: model.transformer(instance_count=1, instance_type="ml.m5.xlarge", foo=1)),
):
    try:
        call()
        record_value(label, "accepted")
    except TypeError:
        record_value(label, "TypeError")
