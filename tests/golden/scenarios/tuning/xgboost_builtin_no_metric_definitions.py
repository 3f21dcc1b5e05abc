"""Built-in XGBoost tuned on "validation:auc" without metric_definitions (SageMaker defines the metrics of its
own algorithm images): once as a generic Estimator on the algorithm image, once as the XGBoost framework
estimator in script mode, whose image is the same."""
import sagemaker
from sagemaker import image_uris
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput
from sagemaker.tuner import ContinuousParameter, HyperparameterTuner, IntegerParameter
from sagemaker.xgboost import XGBoost

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"

session = sagemaker.Session()
channels = {"train": TrainingInput("s3://my-data/xgb/train", content_type="csv"),
            "validation": TrainingInput("s3://my-data/xgb/validation", content_type="csv")}
ranges = {"eta": ContinuousParameter(0, 1), "min_child_weight": ContinuousParameter(1, 10),
          "alpha": ContinuousParameter(0, 2), "max_depth": IntegerParameter(1, 10)}

builtin = Estimator(image_uris.retrieve("xgboost", session.boto_region_name, "1.7-1"), ROLE, instance_count=1,
                    instance_type="ml.m4.xlarge", output_path="s3://my-output/xgb-builtin", sagemaker_session=session)
builtin.set_hyperparameters(eval_metric="auc", objective="binary:logistic", num_round=100, rate_drop=0.3,
                            tweedie_variance_power=1.4)
tuner = HyperparameterTuner(builtin, "validation:auc", ranges, max_jobs=20, max_parallel_jobs=3)
tuner.fit(channels, include_cls_metadata=False)
record_value("builtin_static", tuner.static_hyperparameters)

with open("train.py", "w") as handle:
    handle.write("print('[0]#011validation-auc:0.9')\n")
script = XGBoost(entry_point="train.py", framework_version="1.7-1", role=ROLE, instance_count=1,
                 instance_type="ml.m5.xlarge", hyperparameters={"num_round": 20, "objective": "binary:logistic"},
                 sagemaker_session=session)
script_tuner = HyperparameterTuner(script, "validation:auc", {"eta": ContinuousParameter(0.05, 0.5)},
                                   objective_type="Maximize", max_jobs=3, base_tuning_job_name="xgb-script")
script_tuner.fit(channels)
record_value("script_static", script_tuner.static_hyperparameters)
