"""Local tuning: rehearse a SageMaker hyperparameter search on this machine, with V2 code.

No AWS account and no Docker: each trial is a ``local_process`` training job, two at a
time; the objective is read from each trial's log with ``metric_definitions``, as
SageMaker does; the best trial is deployed to a local endpoint.  Run it with::

    python examples/local_tuning.py

With ``ml.*`` instance types and a ``sagemaker.Session()`` the same tuner runs in
SageMaker.  ``strategy="Bayesian"`` (V2's default) locally needs ``pip install optuna``.
"""
import os
import shutil
import tempfile

import numpy as np
from sklearn.datasets import load_iris

from sagemaker.deserializers import JSONDeserializer
from sagemaker.local import LocalSession
from sagemaker.serializers import CSVSerializer
from sagemaker.sklearn import SKLearn
from sagemaker.tuner import ContinuousParameter, HyperparameterTuner, IntegerParameter

HERE = os.path.dirname(os.path.abspath(__file__))
ROLE = "arn:aws:iam::111111111111:role/SageMakerRole"


def main():
    workdir = tempfile.mkdtemp(prefix="local-tuning-")
    try:
        run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir):
    iris = load_iris()
    os.makedirs(os.path.join(workdir, "data"))
    np.savetxt(os.path.join(workdir, "data", "train.csv"),
               np.column_stack([iris.target, iris.data]), delimiter=",", fmt="%g")
    session = LocalSession()
    session.config = {"local": {"local_code": True}}
    estimator = SKLearn(entry_point="quickstart_train.py", source_dir=HERE, framework_version="1.2-1",
                        py_version="py3", instance_type="local_process", instance_count=1, role=ROLE,
                        output_path="file://" + os.path.join(workdir, "output"), sagemaker_session=session)
    tuner = HyperparameterTuner(
        estimator,
        objective_metric_name="train:accuracy",
        hyperparameter_ranges={"C": ContinuousParameter(0.001, 10.0, scaling_type="Logarithmic"),
                               "max-iter": IntegerParameter(20, 200)},
        metric_definitions=[{"Name": "train:accuracy", "Regex": "training accuracy: ([0-9.]+)"}],
        strategy="Random",
        max_jobs=6,
        max_parallel_jobs=2,
    )
    tuner.fit({"train": "file://" + os.path.join(workdir, "data")})
    print("best training job:", tuner.best_training_job())
    predictor = tuner.deploy(1, "local_process", serializer=CSVSerializer(), deserializer=JSONDeserializer())
    try:
        print("predictions:", predictor.predict(iris.data[[0, 60, 120]]))
    finally:
        predictor.delete_endpoint()


if __name__ == "__main__":
    main()
