"""Install the ``sagemaker`` import hook in this process (what the start-up ``.pth`` does).

For interpreters started without the ``.pth`` (``python -S``, a checkout that
is not installed): ``import sagemaker_estimators._startup`` before ``import sagemaker``.
"""
import _sagemaker_estimators_hook  # noqa: F401
