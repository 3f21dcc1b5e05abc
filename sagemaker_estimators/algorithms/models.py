"""The built-in algorithms' Models and Predictors (``LinearLearnerModel``, ``KMeansPredictor`` ...).

Each Model serves its algorithm's image (in the session's region) and returns
its Predictor from ``deploy()``; ``image_uri`` and ``predictor_cls`` arguments
are ignored with a warning, as in V2.  The Predictors send RecordIO-protobuf
and read RecordIO-protobuf responses, except IPInsights' (CSV in, JSON out);
Object2Vec deploys with the plain ``Predictor``.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from sagemaker_estimators import image_uris
from sagemaker_estimators.algorithms.factorization_machines import FactorizationMachines
from sagemaker_estimators.algorithms.ipinsights import IPInsights
from sagemaker_estimators.algorithms.kmeans import KMeans
from sagemaker_estimators.algorithms.knn import KNN
from sagemaker_estimators.algorithms.lda import LDA
from sagemaker_estimators.algorithms.linear_learner import LinearLearner
from sagemaker_estimators.algorithms.ntm import NTM
from sagemaker_estimators.algorithms.object2vec import Object2Vec
from sagemaker_estimators.algorithms.pca import PCA
from sagemaker_estimators.algorithms.randomcutforest import RandomCutForest
from sagemaker_estimators.algorithms.record_serializers import RecordDeserializer, RecordSerializer
from sagemaker_estimators.payloads.deserializers import JSONDeserializer
from sagemaker_estimators.serving.model import Model
from sagemaker_estimators.serving.predictor import Predictor
from sagemaker_estimators.payloads.serializers import CSVSerializer

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)


class AlgorithmModel(Model):
    """A built-in algorithm's model: ``model_data`` served by the algorithm's image."""

    #: the estimator class whose image serves the model
    ALGORITHM: Any = None
    #: the predictor deploy() returns
    PREDICTOR: Any = Predictor

    def __init__(self, model_data: Any, role: Optional[str] = None, sagemaker_session: Optional[SessionLike] = None, **kwargs: Any):
        if sagemaker_session is None:
            from sagemaker_estimators.session import Session

            sagemaker_session = Session()
        image_uri = image_uris.retrieve(self.ALGORITHM.repo_name, sagemaker_session.boto_region_name,
                                       version=self.ALGORITHM.repo_version)
        for ignored, used in (("predictor_cls", self.PREDICTOR.__name__), ("image_uri", image_uri)):
            if ignored in kwargs:
                kwargs.pop(ignored)
                logger.warning("%s supplied in kwargs will be ignored and further overridden with %s.", ignored, used)
        super().__init__(image_uri, model_data, role, predictor_cls=self.PREDICTOR,
                         sagemaker_session=sagemaker_session, **kwargs)


class RecordPredictor(Predictor):
    """A Predictor that sends numpy arrays as RecordIO-protobuf and reads RecordIO-protobuf."""

    DEFAULT_SERIALIZER = RecordSerializer
    DEFAULT_DESERIALIZER = RecordDeserializer


def _algorithm_pair(algorithm: type, predictor: Any) -> type:
    return type(f"{algorithm.__name__}Model", (AlgorithmModel,), {
        "ALGORITHM": algorithm, "PREDICTOR": predictor, "__module__": __name__,
        "__doc__": f"A {algorithm.__name__} model for SageMaker hosting; deploy() returns a {predictor.__name__}.",
    })


class LinearLearnerPredictor(RecordPredictor):
    """Linear Learner endpoint: RecordIO-protobuf in and out."""


class KMeansPredictor(RecordPredictor):
    """k-means endpoint: RecordIO-protobuf in and out."""


class PCAPredictor(RecordPredictor):
    """PCA endpoint: RecordIO-protobuf in and out."""


class FactorizationMachinesPredictor(RecordPredictor):
    """Factorization Machines endpoint: RecordIO-protobuf in and out."""


class NTMPredictor(RecordPredictor):
    """NTM endpoint: RecordIO-protobuf in and out."""


class LDAPredictor(RecordPredictor):
    """LDA endpoint: RecordIO-protobuf in and out."""


class KNNPredictor(RecordPredictor):
    """k-NN endpoint: RecordIO-protobuf in and out."""


class RandomCutForestPredictor(RecordPredictor):
    """Random Cut Forest endpoint: RecordIO-protobuf in and out."""


class IPInsightsPredictor(Predictor):
    """IP Insights endpoint: CSV in, JSON out."""

    DEFAULT_SERIALIZER = CSVSerializer
    DEFAULT_DESERIALIZER = JSONDeserializer


LinearLearnerModel = _algorithm_pair(LinearLearner, LinearLearnerPredictor)
KMeansModel = _algorithm_pair(KMeans, KMeansPredictor)
PCAModel = _algorithm_pair(PCA, PCAPredictor)
FactorizationMachinesModel = _algorithm_pair(FactorizationMachines, FactorizationMachinesPredictor)
NTMModel = _algorithm_pair(NTM, NTMPredictor)
LDAModel = _algorithm_pair(LDA, LDAPredictor)
KNNModel = _algorithm_pair(KNN, KNNPredictor)
RandomCutForestModel = _algorithm_pair(RandomCutForest, RandomCutForestPredictor)
IPInsightsModel = _algorithm_pair(IPInsights, IPInsightsPredictor)
Object2VecModel = _algorithm_pair(Object2Vec, Predictor)


def model_class_for(estimator_class: type) -> type:
    """The Model class of an algorithm estimator class (or of the algorithm it subclasses)."""
    for klass in estimator_class.__mro__:
        model = globals().get(f"{klass.__name__}Model")
        if isinstance(model, type) and issubclass(model, AlgorithmModel):
            return model
    raise NotImplementedError(f"{estimator_class.__name__} has no Model class")
