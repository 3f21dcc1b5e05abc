"""tensorflow: estimator (estimator.py), TF Serving model and predictor (model.py)."""
