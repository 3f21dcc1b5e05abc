"""Payload codecs: V2's serializers and deserializers (request and response bodies).

They sit below every job kind and below ``local/`` because both sides of an endpoint use
them: :mod:`~sagemaker_estimators.serving` predictors encode requests with them, and the
local model server decodes the same bytes. They import nothing else from the package.
"""
