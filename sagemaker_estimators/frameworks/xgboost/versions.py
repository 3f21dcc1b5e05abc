"""XGBoost container versions SageMaker refuses, shared by the estimator and the model."""
from __future__ import annotations

from typing import Optional

#: XGBoost release -> why SageMaker does not run it (V2's message)
UNSUPPORTED_VERSIONS = {
    "1.1": (
        "XGBoost 1.1 is not supported on SageMaker because XGBoost 1.1 has broken capability to run "
        "prediction when the test input has fewer features than the training data in LIBSVM inputs. "
        "This capability has been restored in XGBoost 1.2 (https://github.com/dmlc/xgboost/pull/5955). "
        "Consider using SageMaker XGBoost 1.2-1."
    ),
}


def unsupported_reason(framework_version: str) -> Optional[str]:
    """Why ``framework_version`` (e.g. ``"1.1-1"``) cannot be used, or None when it can."""
    return UNSUPPORTED_VERSIONS.get(framework_version.split("-")[0])
