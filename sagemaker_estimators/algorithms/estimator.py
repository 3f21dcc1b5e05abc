"""``AmazonAlgorithmEstimatorBase``: the base of SageMaker's built-in algorithm estimators.

A subclass names its image (``repo_name``/``repo_version``) and declares its
hyperparameters once in ``HYPERPARAMETERS`` (see :mod:`.hyperparameters`); this
base turns the table into validated attributes, the request's HyperParameters
and ``attach()``'s constructor arguments.  ``record_set()`` uploads numpy data
as RecordIO shards; ``fit()`` trains on record sets and sets ``feature_dim`` and
``mini_batch_size`` from them, checking both before anything is uploaded or created.
"""
from __future__ import annotations

import inspect
import logging
from typing import Any, Dict, FrozenSet, Optional, Tuple

from sagemaker_estimators import image_uris, utils
from sagemaker_estimators.algorithms import hyperparameters as hps
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter, gt
from sagemaker_estimators.algorithms.record_set import (
    RecordSet,
    check_data_location,
    record_set_prefix,
    records_channels,
    train_record_set,
    upload_numpy_to_s3_shards,
)
from sagemaker_estimators.estimators.base import VPC_CONFIG_DEFAULT, EstimatorBase
from sagemaker_estimators.required import required

logger = logging.getLogger(__name__)

__all__ = ["AmazonAlgorithmEstimatorBase", "VPC_CONFIG_DEFAULT", "get_image_uri"]


class AmazonAlgorithmEstimatorBase(EstimatorBase):
    """Base class for SageMaker's first-party algorithm estimators (not used directly).

    Args:
        role, instance_count, instance_type: as for every estimator.
        data_location: S3 prefix ``record_set()`` uploads under (default
            ``s3://<default bucket>/<default prefix>/sagemaker-record-sets/``,
            resolved on first use).
        enable_network_isolation: run the container without network access.
        **kwargs: any other :class:`~sagemaker_estimators.estimators.base.EstimatorBase` argument.
    """

    repo_name: Optional[str] = None
    repo_version: Optional[str] = None
    DEFAULT_MINI_BATCH_SIZE: Optional[int] = None
    #: hyperparameters every algorithm has; fit() sets them from the record set and its argument
    HYPERPARAMETERS: Tuple[Hyperparameter, ...] = hps.table(
        Hyperparameter("feature_dim", int, (gt(0),)),
        Hyperparameter("mini_batch_size", int, (gt(0),)),
    )
    _hyperparameter_table: Tuple[Hyperparameter, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._install_hyperparameters()

    @classmethod
    def _install_hyperparameters(cls) -> None:
        parent = next((k.__dict__["_hyperparameter_table"] for k in cls.__mro__[1:]
                       if "_hyperparameter_table" in k.__dict__), ())
        cls._hyperparameter_table = hps.merged(parent, cls.__dict__.get("HYPERPARAMETERS", ()))
        for spec in cls._hyperparameter_table:
            setattr(cls, spec.attribute, hps.HyperparameterAttribute(spec))

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, data_location: Optional[str] = None,
                 enable_network_isolation: bool = False, **kwargs: Any):
        if instance_type == "local_process":
            raise ValueError(
                f"instance_type='local_process' runs a training script on this machine, and {type(self).__name__} "
                "is a built-in algorithm with no script: its code lives only in the algorithm's container image. "
                "Use instance_type='local' (Docker runs the image, as V2's local mode does) or an ml.* instance type."
            )
        super().__init__(role=role, instance_count=instance_count, instance_type=instance_type,
                         enable_network_isolation=enable_network_isolation, **kwargs)
        self._data_location = data_location

    def _set_hyperparameters(self, arguments: Dict[str, Any]) -> None:
        """Assign (and so validate) this class's hyperparameters from its constructor's arguments."""
        for spec in type(self).__dict__.get("HYPERPARAMETERS", ()):
            if spec.attribute in arguments:
                setattr(self, spec.attribute, arguments[spec.attribute])

    # V2 API -------------------------------------------------------------------------
    def training_image_uri(self) -> str:
        """The algorithm's image in the session's region."""
        return image_uris.retrieve(required(self.repo_name, "repo_name"), self.sagemaker_session.boto_region_name,
                                   version=self.repo_version)

    def hyperparameters(self) -> Dict[str, str]:
        """The hyperparameters sent: every value that is set, as text (lists as JSON)."""
        return hps.serialize_all(self._hyperparameters_with_code())

    def _encoded_hyperparameters(self) -> Optional[Dict[str, str]]:
        return self.hyperparameters()

    @property
    def data_location(self) -> str:
        """Where ``record_set()`` uploads (the default bucket's ``sagemaker-record-sets/`` unless set)."""
        if self._data_location is None:
            from sagemaker_estimators.s3_paths import s3_path_join

            session = self.sagemaker_session
            self._data_location = s3_path_join("s3://", session.default_bucket(),
                                               getattr(session, "default_bucket_prefix", None),
                                               "sagemaker-record-sets", with_end_slash=True)
        return self._data_location

    @data_location.setter
    def data_location(self, data_location: str) -> None:
        check_data_location(data_location)
        self._data_location = data_location if data_location.endswith("/") else data_location + "/"

    def record_set(self, train: Any, labels: Any = None, channel: str = "train", encrypt: bool = False,
                   distribution: str = "ShardedByS3Key") -> RecordSet:
        """Upload the 2-D ndarray ``train`` (and 1-D ``labels``) as RecordIO shards, one per instance.

        Returns the :class:`RecordSet` to pass to ``fit()``.  The shape, labels,
        dtype, shard count and ``data_location`` are checked before any upload.
        """
        from sagemaker_estimators.algorithms.numpy_records import check_matrix_and_labels, tensor_type
        from sagemaker_estimators.algorithms.record_set import shard_bounds

        check_matrix_and_labels(train, labels)
        tensor_type(train.dtype, "train")
        if labels is not None:
            tensor_type(labels.dtype, "labels")
        if train.shape[1] == 0:
            raise ValueError(f"train has shape {train.shape}: every record needs at least one feature "
                             "(feature_dim must be > 0).")
        if not isinstance(self.instance_count, int) or isinstance(self.instance_count, bool):
            raise ValueError(f"record_set() makes one shard per instance: instance_count must be an int, "
                             f"got {self.instance_count!r}.")
        shard_bounds(self.instance_count, train.shape[0])
        if self._data_location is not None:
            check_data_location(self._data_location)
        bucket, key_prefix = record_set_prefix(self.data_location, type(self).__name__, utils.sagemaker_timestamp())
        logger.debug("Uploading to bucket %s and key_prefix %s", bucket, key_prefix)
        session = self.sagemaker_session
        manifest = upload_numpy_to_s3_shards(self.instance_count, session.s3_client, bucket, key_prefix, train,
                                             labels, encrypt, sagemaker_session=session)
        logger.debug("Created manifest file %s", manifest)
        return RecordSet(manifest, num_records=train.shape[0], feature_dim=train.shape[1], channel=channel,
                         distribution=distribution)

    def _get_default_mini_batch_size(self, num_records: int) -> int:
        """``DEFAULT_MINI_BATCH_SIZE``, or fewer when each instance gets fewer records."""
        return min(required(self.DEFAULT_MINI_BATCH_SIZE, "DEFAULT_MINI_BATCH_SIZE"),
                   max(1, int(num_records / required(self.instance_count, "instance_count"))))

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        """The mini_batch_size sent for fit()'s argument (algorithms add defaults and limits)."""
        return mini_batch_size

    def _prepare_records(self, records: Any, mini_batch_size: Optional[int]) -> None:
        """Set feature_dim and mini_batch_size from the records (validated; no I/O)."""
        train = train_record_set(records)
        if not hasattr(train, "feature_dim"):
            raise TypeError(f"records must be a RecordSet, a FileSystemRecordSet or a list of them, got "
                            f"{type(records).__name__}.")
        mini_batch_size = self._resolve_mini_batch_size(train, mini_batch_size)
        self.feature_dim = train.feature_dim
        self.mini_batch_size = mini_batch_size

    # V2's algorithm estimators take records and mini_batch_size before job_name here, in fit() and in
    # prepare_workflow_for_training (the base estimator takes job_name / inputs)
    def _prepare_for_training(self, records: Any = None,  # type: ignore[override]
                              mini_batch_size: Optional[int] = None, job_name: Optional[str] = None) -> None:
        """Job name, output path, debugger/profiler; with ``records`` also feature_dim and mini_batch_size.

        V2's argument order; a lone positional string is the job name, as the base
        class (and V2's tuner for non-record inputs) passes it.
        """
        if isinstance(records, str) and job_name is None:
            records, job_name = None, records
        if records is not None:
            self._prepare_records(records, mini_batch_size)
        super()._prepare_for_training(job_name=job_name)

    def prepare_workflow_for_training(self, records: Any = None,  # type: ignore[override]
                                      mini_batch_size: Optional[int] = None, job_name: Optional[str] = None) -> None:
        """Everything fit() does before CreateTrainingJob (V2's workflow hook)."""
        self._prepare_for_training(job_name=job_name, records=records, mini_batch_size=mini_batch_size)

    def fit(self, records: Any, mini_batch_size: Optional[int] = None,  # type: ignore[override]
            wait: bool = True, logs: Any = True, job_name: Optional[str] = None,
            experiment_config: Optional[Dict[str, str]] = None) -> None:
        """Train on ``records`` (a RecordSet/FileSystemRecordSet, or a list of them with a ``train`` channel).

        ``mini_batch_size`` defaults per algorithm.  Everything is checked before
        the job is created.
        """
        channels = records_channels(records)
        self._prepare_records(records, mini_batch_size)
        super().fit(channels, wait=wait, logs=logs, job_name=job_name, experiment_config=experiment_config)

    # attach --------------------------------------------------------------------------
    @classmethod
    def _constructor_arguments(cls) -> FrozenSet[str]:
        return frozenset(inspect.signature(cls.__init__).parameters)

    @classmethod
    def _prepare_init_params_from_job_description(cls, job_details: Dict[str, Any],
                                                  model_channel_name: Optional[str] = None) -> Dict[str, Any]:
        params = super()._prepare_init_params_from_job_description(job_details, model_channel_name)
        job_hyperparameters = params.pop("hyperparameters")
        params.pop("image_uri", None)
        accepted = cls._constructor_arguments()
        from_job = hps.init_params_from_job(cls._hyperparameter_table, job_hyperparameters)
        params.update({name: value for name, value in from_job.items() if name in accepted})
        return params

    def _after_attach(self, description: Dict[str, Any]) -> None:
        # hyperparameters that are not constructor arguments (feature_dim, mini_batch_size) are set here
        from_job = hps.init_params_from_job(self._hyperparameter_table, description.get("HyperParameters") or {})
        accepted = self._constructor_arguments()
        for name, value in from_job.items():
            if name not in accepted:
                setattr(self, name, value)

    # hosting -------------------------------------------------------------------------
    def create_model(self, vpc_config_override: Any = VPC_CONFIG_DEFAULT, **kwargs: Any):
        """The algorithm's Model (``LinearLearnerModel`` ...) of the latest training job's artifacts."""
        from sagemaker_estimators.algorithms.models import model_class_for

        return model_class_for(type(self))(self.model_data, self.role, sagemaker_session=self.sagemaker_session,
                                           vpc_config=self.get_vpc_config(vpc_config_override), **kwargs)


AmazonAlgorithmEstimatorBase._install_hyperparameters()


def get_image_uri(region_name: str, repo_name: str, repo_version: str = "1") -> str:
    """Deprecated V1 helper: the image of a built-in algorithm (use ``sagemaker.image_uris.retrieve``)."""
    logger.warning("The method get_image_uri has been renamed in sagemaker>=2.\nSee: "
                   "https://sagemaker.readthedocs.io/en/stable/v2.html for details.")
    return image_uris.retrieve(framework=repo_name, region=region_name, version=repo_version)
