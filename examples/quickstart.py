"""Quickstart: train, deploy and query a scikit-learn model with V2 code, on this machine.

No AWS account, no network and no Docker: ``instance_type="local_process"`` runs the
training script and the model server on this Python.  Run it with::

    python examples/quickstart.py

Swap ``local_process`` for ``local`` to use the scikit-learn container (Docker), or
for an ``ml.*`` instance type and a ``sagemaker.Session()`` to run it in SageMaker.
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

HERE = os.path.dirname(os.path.abspath(__file__))
# local mode never assumes this role; it only has to look like one
ROLE = "arn:aws:iam::111111111111:role/SageMakerRole"


def main():
    workdir = tempfile.mkdtemp(prefix="quickstart-")
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

    estimator = SKLearn(
        entry_point="quickstart_train.py",
        source_dir=HERE,
        framework_version="1.2-1",
        py_version="py3",
        instance_type="local_process",
        instance_count=1,
        role=ROLE,
        hyperparameters={"max-iter": 200, "C": 0.5},
        output_path="file://" + os.path.join(workdir, "output"),
        sagemaker_session=session,
    )
    estimator.fit({"train": "file://" + os.path.join(workdir, "data")})
    print("model artifacts:", estimator.model_data)

    predictor = estimator.deploy(
        initial_instance_count=1,
        instance_type="local_process",
        serializer=CSVSerializer(),
        deserializer=JSONDeserializer(),
    )
    try:
        rows = iris.data[[0, 50, 100, 25, 75, 125]]
        predictions = predictor.predict(rows)
        for row, predicted, actual in zip(rows.tolist(), predictions, iris.target[[0, 50, 100, 25, 75, 125]]):
            print(f"{row} -> {iris.target_names[int(predicted)]} (actual: {iris.target_names[actual]})")
    finally:
        predictor.delete_endpoint()


if __name__ == "__main__":
    main()
