"""The issue-2 snippet: image_uris.retrieve for built-in XGBoost, mixed inputs, attach.

output_kms_key is added to the snippet because V2's attach() reads
OutputDataConfig.KmsKeyId, which moto leaves out unless the job has one.
"""
import sagemaker
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
sess = sagemaker.Session()
image = sagemaker.image_uris.retrieve("xgboost", sess.boto_region_name, "1.7-1")
record_value("image", image)
est = Estimator(
    image_uri=image,
    role=ROLE,
    instance_count=1,
    instance_type="ml.m5.xlarge",
    output_path=f"s3://{sess.default_bucket()}/out",
    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/output-key",
    sagemaker_session=sess,
)
est.set_hyperparameters(objective="binary:logistic", num_round=100)
est.fit({"train": TrainingInput("s3://b/train", content_type="text/csv"), "validation": "s3://b/val"})
record_value("model_data", est.model_data)
again = Estimator.attach(est.latest_training_job.name)
record_value("attached_model_data", again.model_data)
