"""``Transformer`` (``sagemaker.transformer``): batch transform with a SageMaker model.

``transform()`` checks its arguments, builds the CreateTransformJob request
with :mod:`sagemaker_estimators.request_builders.hosting` and, with ``wait``, follows
the job (its logs unless ``logs=False``) until it ends.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Dict, Optional

from botocore.exceptions import ClientError

from sagemaker_estimators import utils
from sagemaker_estimators.job_status import JobHandle
from sagemaker_estimators.s3_paths import s3_path_join
from sagemaker_estimators.request_builders import hosting as req
from sagemaker_estimators.serving.validation import check_transform_input, check_transform_resources
from sagemaker_estimators.validation import format_tags, tags_as_list

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)


class TransformJob(JobHandle):
    """A started transform job, bound to its session (V2's ``_TransformJob``)."""

    _describe_method = "describe_transform_job"

    def wait(self, logs: bool = True) -> Dict[str, Any]:
        """Wait until the job ends (printing its logs when ``logs``); raise if it failed."""
        if logs:
            return self.sagemaker_session.logs_for_transform_job(self.job_name, wait=True)
        return self.sagemaker_session.wait_for_transform_job(self.job_name)

    def stop(self) -> None:
        """Ask SageMaker to stop the job."""
        self.sagemaker_session.stop_transform_job(name=self.job_name)


_TransformJob = TransformJob


class Transformer:
    """Run batch transform jobs with an existing SageMaker model (V2's parameters)."""

    JOB_CLASS_NAME = "transform-job"

    def __init__(
        self,
        model_name: str,
        instance_count: int,
        instance_type: str,
        strategy: Optional[str] = None,
        assemble_with: Optional[str] = None,
        output_path: Optional[str] = None,
        output_kms_key: Optional[str] = None,
        accept: Optional[str] = None,
        max_concurrent_transforms: Optional[int] = None,
        max_payload: Optional[int] = None,
        tags: Any = None,
        env: Optional[Dict[str, str]] = None,
        base_transform_job_name: Optional[str] = None,
        sagemaker_session: Optional[SessionLike] = None,
        volume_kms_key: Optional[str] = None,
    ):
        # V2 checks nothing here: _validate_transform_settings() runs in transform(), before any call
        self.model_name = model_name
        self.strategy = strategy
        self.output_path = output_path
        self.accept = accept
        self.assemble_with = assemble_with
        self.instance_count = instance_count
        self.instance_type = instance_type
        self.max_concurrent_transforms = max_concurrent_transforms
        self.max_payload = max_payload
        self.tags = tags_as_list(tags)
        self.base_transform_job_name = base_transform_job_name
        self._current_job_name: Optional[str] = None
        self.latest_transform_job: Optional[TransformJob] = None
        self._reset_output_path = False
        if sagemaker_session is None:
            from sagemaker_estimators.session_factory import default_session

            sagemaker_session = default_session(instance_type)
        self.sagemaker_session = sagemaker_session
        from sagemaker_estimators.config.apply import transformer_defaults
        from sagemaker_estimators.config.resolve import config_of

        defaults = transformer_defaults(config_of(sagemaker_session), volume_kms_key=volume_kms_key,
                                        output_kms_key=output_kms_key, env=env)
        self.volume_kms_key = defaults["volume_kms_key"]
        self.output_kms_key = defaults["output_kms_key"]
        self.env = defaults["env"]

    def transform(
        self,
        data: str,
        data_type: str = "S3Prefix",
        content_type: Optional[str] = None,
        compression_type: Optional[str] = None,
        split_type: Optional[str] = None,
        job_name: Optional[str] = None,
        input_filter: Optional[str] = None,
        output_filter: Optional[str] = None,
        join_source: Optional[str] = None,
        experiment_config: Optional[Dict[str, str]] = None,
        model_client_config: Optional[Dict[str, Any]] = None,
        batch_data_capture_config: Any = None,
        wait: bool = True,
        logs: bool = True,
    ) -> None:
        """Start a transform job on ``data`` (an S3 prefix or manifest) and, with ``wait``, follow it.

        The output goes to ``output_path`` or ``s3://<default bucket>/<job name>``.
        """
        self._validate_transform_settings()
        local_mode = bool(getattr(self.sagemaker_session, "local_mode", False))
        check_transform_input(data, local_mode, data_type, content_type, compression_type, split_type,
                              join_source, job_name)
        if experiment_config is not None and not isinstance(experiment_config, dict):
            raise TypeError(f"experiment_config must be a dict, got {experiment_config!r}")
        if model_client_config is not None and not isinstance(model_client_config, dict):
            raise TypeError(f"model_client_config must be a dict, got {model_client_config!r}")
        if batch_data_capture_config is not None and not callable(
                getattr(batch_data_capture_config, "_to_request_dict", None)):
            raise TypeError(f"batch_data_capture_config={batch_data_capture_config!r} must be a "
                            "BatchDataCaptureConfig")
        if job_name is not None:
            self._current_job_name = job_name
        else:
            base = self.base_transform_job_name or self._retrieve_base_name()
            self._current_job_name = utils.name_from_base(base)
        if self.output_path is None or self._reset_output_path:
            session = self.sagemaker_session
            self.output_path = s3_path_join("s3://", session.default_bucket(), session.default_bucket_prefix,
                                            self._current_job_name)
            self._reset_output_path = True
        self.sagemaker_session.transform(
            job_name=self._current_job_name,
            model_name=self.model_name,
            strategy=self.strategy,
            max_concurrent_transforms=self.max_concurrent_transforms,
            max_payload=self.max_payload,
            input_config=req.transform_input(data, data_type, content_type, compression_type, split_type),
            output_config=req.transform_output(self.output_path, self.output_kms_key, self.assemble_with,
                                               self.accept),
            resource_config=req.transform_resources(self.instance_count, self.instance_type, self.volume_kms_key),
            experiment_config=experiment_config,
            env=self.env,
            tags=self.tags,
            data_processing=req.data_processing(input_filter, output_filter, join_source),
            model_client_config=model_client_config,
            batch_data_capture_config=batch_data_capture_config,
        )
        self.latest_transform_job = TransformJob(self.sagemaker_session, self._current_job_name)
        if wait:
            self.latest_transform_job.wait(logs=logs)

    def _validate_transform_settings(self) -> None:
        """The constructor's arguments, checked before the first call of transform()."""
        if not isinstance(self.model_name, str) or not self.model_name:
            raise TypeError(f"model_name must be a non-empty str, got {self.model_name!r}")
        check_transform_resources(self.instance_count, self.instance_type, strategy=self.strategy,
                                  assemble_with=self.assemble_with, output_path=self.output_path, env=self.env,
                                  max_concurrent_transforms=self.max_concurrent_transforms,
                                  max_payload=self.max_payload)
        self.tags = format_tags(self.tags)

    def transform_with_monitoring(self, *args: Any, **kwargs: Any) -> None:
        """Not supported: it runs a SageMaker Pipeline with Model Monitor steps."""
        raise NotImplementedError("transform_with_monitoring (SageMaker Pipelines + Model Monitor) is not supported "
                                  "by sagemaker-estimators: call transform() and run monitoring separately.")

    def _retrieve_base_name(self) -> str:
        image_uri = self._retrieve_image_uri()
        if image_uri:
            return utils.base_name_from_image(image_uri, default_base_name=self.JOB_CLASS_NAME)
        return self.model_name

    def _retrieve_image_uri(self) -> Optional[str]:
        try:
            description = self.sagemaker_session.sagemaker_client.describe_model(ModelName=self.model_name)
        except ClientError as error:
            raise ValueError(
                f"Failed to fetch model information for {self.model_name}. Please ensure that the model "
                "exists. Local instance types require locally created models."
            ) from error
        primary = description.get("PrimaryContainer")
        if primary:
            return primary.get("Image")
        containers = description.get("Containers")
        return containers[0].get("Image") if containers else None

    def _ensure_last_transform_job(self) -> TransformJob:
        """The latest transform job (ValueError when there is none yet)."""
        if self.latest_transform_job is None:
            raise ValueError("No transform job available: call transform() first (or Transformer.attach()).")
        return self.latest_transform_job

    def wait(self, logs: bool = True) -> None:
        """Wait for the latest transform job to end (printing its logs when ``logs``)."""
        self._ensure_last_transform_job().wait(logs=logs)

    def stop_transform_job(self, wait: bool = True) -> None:
        """Stop the latest transform job; with ``wait``, until it has stopped."""
        job = self._ensure_last_transform_job()
        job.stop()
        if wait:
            job.wait(logs=False)

    def delete_model(self) -> None:
        """Delete the SageMaker model this transformer uses."""
        self.sagemaker_session.delete_model(self.model_name)

    @classmethod
    def attach(cls, transform_job_name: str, sagemaker_session: Optional[SessionLike] = None) -> "Transformer":
        """A Transformer for an existing transform job (its settings read from DescribeTransformJob)."""
        if not isinstance(transform_job_name, str) or not transform_job_name:
            raise TypeError(f"transform_job_name must be a non-empty str, got {transform_job_name!r}")
        if sagemaker_session is None:
            from sagemaker_estimators.session import Session

            sagemaker_session = Session()
        details = sagemaker_session.sagemaker_client.describe_transform_job(TransformJobName=transform_job_name)
        transformer = cls(sagemaker_session=sagemaker_session,
                          **cls._prepare_init_params_from_job_description(details))
        transformer.latest_transform_job = TransformJob(sagemaker_session, details["TransformJobName"])
        transformer._current_job_name = details["TransformJobName"]
        return transformer

    @classmethod
    def _prepare_init_params_from_job_description(cls, job_details: Dict[str, Any]) -> Dict[str, Any]:
        resources = job_details["TransformResources"]
        output = job_details["TransformOutput"]
        return {
            "model_name": job_details["ModelName"],
            "instance_count": resources["InstanceCount"],
            "instance_type": resources["InstanceType"],
            "volume_kms_key": resources.get("VolumeKmsKeyId"),
            "strategy": job_details.get("BatchStrategy"),
            "assemble_with": output.get("AssembleWith"),
            "output_path": output["S3OutputPath"],
            "output_kms_key": output.get("KmsKeyId"),
            "accept": output.get("Accept"),
            "max_concurrent_transforms": job_details.get("MaxConcurrentTransforms"),
            "max_payload": job_details.get("MaxPayloadInMB"),
            "base_transform_job_name": job_details["TransformJobName"],
        }
