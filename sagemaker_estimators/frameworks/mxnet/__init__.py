"""mxnet: estimator (estimator.py), model and predictor (model.py)."""
