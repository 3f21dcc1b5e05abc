"""The local model server: SageMaker's serving contract (``/ping``, ``/invocations``) on the standard library.

``server`` is the server itself (``python -m sagemaker_estimators.local.model_server.server``,
also the ``serve`` of the stand-in images), with the inference handler chain of
``serving_handlers``, the wire formats of ``serving_codecs`` and TF Serving's contract in
``tensorflow_serving``; ``serving_process`` starts it as a subprocess and talks HTTP to any
model server.  Nothing here imports the clients or the runtimes.
"""
