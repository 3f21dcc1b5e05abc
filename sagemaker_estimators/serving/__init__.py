"""Hosting: models, predictors, serializers, deserializers and batch transform.

Import the submodules you need (``sagemaker_estimators.serving.model`` ...);
this package imports nothing itself so that loading one of them stays cheap.
"""
