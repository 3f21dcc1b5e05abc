"""Training script of the quickstart: logistic regression on the iris data set.

It follows the SageMaker script-mode contract, so the same file runs unchanged in
SageMaker, in the scikit-learn container (``instance_type="local"``) and on this
machine's Python (``instance_type="local_process"``): hyperparameters arrive as
command-line arguments, the training channel's directory in ``SM_CHANNEL_TRAIN``
and the model goes to ``SM_MODEL_DIR``.  ``model_fn`` is what the model server
calls to load the model for predictions.
"""
import argparse
import os

import joblib
import numpy as np


def model_fn(model_dir):
    """Load the model saved by training (called by the model server)."""
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def main():
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser()
    parser.add_argument("--max-iter", type=int, default=100)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN"))
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR"))
    args, _ = parser.parse_known_args()

    # each row of train.csv is: label, sepal length, sepal width, petal length, petal width
    data = np.loadtxt(os.path.join(args.train, "train.csv"), delimiter=",")
    labels, features = data[:, 0], data[:, 1:]
    model = LogisticRegression(max_iter=args.max_iter, C=args.C).fit(features, labels)
    print(f"training accuracy: {model.score(features, labels):.3f}")
    joblib.dump(model, os.path.join(args.model_dir, "model.joblib"))


if __name__ == "__main__":
    main()
