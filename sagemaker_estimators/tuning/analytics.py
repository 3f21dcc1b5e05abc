"""Analytics of tuning and training jobs as pandas DataFrames (``sagemaker.analytics``).

pandas is an optional extra (``pip install pandas``): it is imported only when a
DataFrame is asked for, and its absence is a clear ImportError then.  The rows
are V2's: one per training job of a tuning job (tuned values, status, final
objective, times), or one per CloudWatch datapoint of a training job's metrics.
"""
from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Dict, List, Optional

if TYPE_CHECKING:
    from sagemaker_estimators.session_like import SessionLike

logger = logging.getLogger(__name__)

METRICS_PERIOD_DEFAULT = 60  # seconds
PANDAS_MISSING = (
    "sagemaker analytics DataFrames need pandas, which is not installed: run `pip install pandas` "
    "(or `pip install sagemaker-estimators[analytics]`)."
)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:
        raise ImportError(PANDAS_MISSING) from error
    return pandas


def _default_session(sagemaker_session: Optional[SessionLike]) -> SessionLike:
    if sagemaker_session is not None:
        return sagemaker_session
    from sagemaker_estimators.session import Session

    return Session()


class AnalyticsMetricsBase:
    """A cached DataFrame of some metrics; ``export_csv`` writes it out."""

    def __init__(self) -> None:
        self._dataframe = None

    def export_csv(self, filename: str) -> None:
        """Write the DataFrame to ``filename`` as CSV."""
        self.dataframe().to_csv(filename)

    def dataframe(self, force_refresh: bool = False) -> Any:
        """The metrics as a pandas DataFrame (fetched once, then cached)."""
        if force_refresh:
            self.clear_cache()
        if self._dataframe is None:
            self._dataframe = self._fetch_dataframe()
        return self._dataframe

    def _fetch_dataframe(self) -> Any:
        raise NotImplementedError

    def clear_cache(self) -> None:
        """Forget what was fetched."""
        self._dataframe = None


def summary_row(summary: Dict[str, Any]) -> Dict[str, Any]:
    """One DataFrame row of a ListTrainingJobsForHyperParameterTuningJob summary (V2's columns)."""
    row: Dict[str, Any] = {}
    for name, value in (summary.get("TunedHyperParameters") or {}).items():
        try:
            value = float(value)
        except (TypeError, ValueError):
            pass
        row[name] = value
    row["TrainingJobName"] = summary["TrainingJobName"]
    row["TrainingJobStatus"] = summary["TrainingJobStatus"]
    row["FinalObjectiveValue"] = (summary.get("FinalHyperParameterTuningJobObjectiveMetric") or {}).get("Value")
    start, end = summary.get("TrainingStartTime"), summary.get("TrainingEndTime")
    row["TrainingStartTime"] = start
    row["TrainingEndTime"] = end
    if start and end:
        row["TrainingElapsedTimeSeconds"] = (end - start).total_seconds()
    if "TrainingJobDefinitionName" in summary:
        row["TrainingJobDefinitionName"] = summary["TrainingJobDefinitionName"]
    return row


class HyperparameterTuningJobAnalytics(AnalyticsMetricsBase):
    """The training jobs of a hyperparameter tuning job: one DataFrame row each."""

    def __init__(self, hyperparameter_tuning_job_name: str, sagemaker_session: Optional[SessionLike] = None):
        session = _default_session(sagemaker_session)
        self._sage_client = session.sagemaker_client
        self._tuning_job_name = hyperparameter_tuning_job_name
        self._tuning_job_describe_result: Optional[Dict[str, Any]] = None
        self._training_job_summaries: Optional[List[Dict[str, Any]]] = None
        super().__init__()

    @property
    def name(self) -> str:
        """The tuning job's name."""
        return self._tuning_job_name

    def __repr__(self) -> str:
        return f"<sagemaker.HyperparameterTuningJobAnalytics for {self.name}>"

    def clear_cache(self) -> None:
        super().clear_cache()
        self._tuning_job_describe_result = None
        self._training_job_summaries = None

    def _fetch_dataframe(self) -> Any:
        return _pandas().DataFrame([summary_row(summary) for summary in self.training_job_summaries()])

    @property
    def tuning_ranges(self) -> Dict[str, Any]:
        """Each tuned hyperparameter's range entry, by name (per definition name for several estimators)."""
        description = self.description()

        def by_name(parameter_ranges: Dict[str, Any]) -> Dict[str, Any]:
            return {entry["Name"]: entry for entries in parameter_ranges.values() for entry in entries}

        if description.get("TrainingJobDefinition"):
            return by_name(description["HyperParameterTuningJobConfig"]["ParameterRanges"])
        return {definition["DefinitionName"]: by_name(definition["HyperParameterRanges"])
                for definition in description["TrainingJobDefinitions"]}

    def description(self, force_refresh: bool = False) -> Dict[str, Any]:
        """DescribeHyperParameterTuningJob (cached)."""
        if force_refresh:
            self.clear_cache()
        if not self._tuning_job_describe_result:
            self._tuning_job_describe_result = self._sage_client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=self.name)
        return self._tuning_job_describe_result

    def training_job_summaries(self, force_refresh: bool = False) -> List[Dict[str, Any]]:
        """Every ListTrainingJobsForHyperParameterTuningJob summary, following NextToken (cached)."""
        if force_refresh:
            self.clear_cache()
        if self._training_job_summaries is not None:
            return self._training_job_summaries
        summaries: List[Dict[str, Any]] = []
        page: Dict[str, Any] = {}
        for _ in range(100):
            result = self._sage_client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=self.name, MaxResults=100, **page)
            batch = result["TrainingJobSummaries"]
            summaries.extend(batch)
            if not result.get("NextToken") or not batch:
                break
            page["NextToken"] = result["NextToken"]
        self._training_job_summaries = summaries
        return summaries


class TrainingJobAnalytics(AnalyticsMetricsBase):
    """A training job's metrics from CloudWatch: rows of (timestamp, metric_name, value)."""

    CLOUDWATCH_NAMESPACE = "/aws/sagemaker/TrainingJobs"

    def __init__(self, training_job_name: str, metric_names: Optional[List[str]] = None,
                 sagemaker_session: Optional[SessionLike] = None, start_time: Optional[datetime.datetime] = None,
                 end_time: Optional[datetime.datetime] = None, period: Optional[int] = None):
        session = _default_session(sagemaker_session)
        self._sage_client = session.sagemaker_client
        self._cloudwatch = session.boto_session.client("cloudwatch", region_name=session.boto_region_name)
        self._training_job_name = training_job_name
        self._start_time = start_time
        self._end_time = end_time
        self._period = period or METRICS_PERIOD_DEFAULT
        self._metric_names = metric_names or self._metric_names_for_training_job()
        super().__init__()
        self.clear_cache()

    @property
    def name(self) -> str:
        """The training job's name."""
        return self._training_job_name

    def __repr__(self) -> str:
        return f"<sagemaker.TrainingJobAnalytics for {self.name}>"

    def clear_cache(self) -> None:
        super().clear_cache()
        self._data: Dict[str, List[Any]] = defaultdict(list)
        self._time_interval = self._determine_timeinterval()

    def _determine_timeinterval(self) -> Dict[str, datetime.datetime]:
        description = self._sage_client.describe_training_job(TrainingJobName=self.name)
        start = self._start_time or description["TrainingStartTime"]
        end = self._end_time or (
            description.get("TrainingEndTime") or datetime.datetime.now(datetime.timezone.utc)
        ) + datetime.timedelta(minutes=1)
        return {"start_time": start, "end_time": end}

    def _metric_names_for_training_job(self) -> List[str]:
        description = self._sage_client.describe_training_job(TrainingJobName=self.name)
        definitions = description["AlgorithmSpecification"].get("MetricDefinitions") or []
        return [definition["Name"] for definition in definitions]

    def metric_request(self, metric_name: str) -> Dict[str, Any]:
        """The CloudWatch GetMetricStatistics request for one metric (pure)."""
        return {
            "Namespace": self.CLOUDWATCH_NAMESPACE,
            "MetricName": metric_name,
            "Dimensions": [{"Name": "TrainingJobName", "Value": self.name}],
            "StartTime": self._time_interval["start_time"],
            "EndTime": self._time_interval["end_time"],
            "Period": self._period,
            "Statistics": ["Average"],
        }

    def _fetch_dataframe(self) -> Any:
        pandas = _pandas()
        for metric_name in self._metric_names:
            self._fetch_metric(metric_name)
        return pandas.DataFrame(self._data)

    def _fetch_metric(self, metric_name: str) -> None:
        points = self._cloudwatch.get_metric_statistics(**self.metric_request(metric_name))["Datapoints"]
        if not points:
            logger.warning("Warning: No metrics called %s found", metric_name)
            return
        base = min(point["Timestamp"] for point in points)
        for elapsed, value in sorted(((point["Timestamp"] - base).total_seconds(), point["Average"])
                                     for point in points):
            self._data["timestamp"].append(elapsed)
            self._data["metric_name"].append(metric_name)
            self._data["value"].append(value)


class ExperimentAnalytics(AnalyticsMetricsBase):
    """Trial components of an experiment (SageMaker Search), one row each."""

    MAX_TRIAL_COMPONENTS = 10000

    def __init__(self, experiment_name: Optional[str] = None, search_expression: Optional[Dict[str, Any]] = None,
                 sort_by: Optional[str] = None, sort_order: Optional[str] = None,
                 metric_names: Optional[List[str]] = None, parameter_names: Optional[List[str]] = None,
                 sagemaker_session: Optional[SessionLike] = None, input_artifact_names: Optional[List[str]] = None,
                 output_artifact_names: Optional[List[str]] = None):
        session = _default_session(sagemaker_session)
        self._sage_client = session.sagemaker_client
        if not experiment_name and not search_expression:
            raise ValueError("Either experiment_name or search_expression must be supplied.")
        self._experiment_name = experiment_name
        self._search_expression = search_expression
        self._sort_by = sort_by
        self._sort_order = sort_order
        self._metric_names = metric_names
        self._parameter_names = parameter_names
        self._input_artifact_names = input_artifact_names
        self._output_artifact_names = output_artifact_names
        self._trial_components: Optional[List[Dict[str, Any]]] = None
        super().__init__()

    @property
    def name(self) -> Optional[str]:
        """The experiment's name."""
        return self._experiment_name

    def __repr__(self) -> str:
        return f"<sagemaker.ExperimentAnalytics for {self.name}>"

    def clear_cache(self) -> None:
        super().clear_cache()
        self._trial_components = None

    def search_request(self) -> Dict[str, Any]:
        """The Search request (pure)."""
        expression = dict(self._search_expression or {})
        if self._experiment_name:
            expression.setdefault("Filters", [])
            expression["Filters"] = list(expression["Filters"]) + [
                {"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": self._experiment_name}]
        request: Dict[str, Any] = {"Resource": "ExperimentTrialComponent", "SearchExpression": expression}
        if self._sort_by:
            request["SortBy"] = self._sort_by
        if self._sort_order:
            request["SortOrder"] = self._sort_order
        return request

    def _trial_component_summaries(self) -> List[Dict[str, Any]]:
        if self._trial_components is not None:
            return self._trial_components
        request = self.search_request()
        found: List[Dict[str, Any]] = []
        while len(found) < self.MAX_TRIAL_COMPONENTS:
            result = self._sage_client.search(**request)
            found.extend(item["TrialComponent"] for item in result.get("Results", []))
            if not result.get("NextToken"):
                break
            request["NextToken"] = result["NextToken"]
        self._trial_components = found
        return found

    def _row(self, component: Dict[str, Any]) -> Dict[str, Any]:
        row: Dict[str, Any] = {"TrialComponentName": component.get("TrialComponentName"),
                               "DisplayName": component.get("DisplayName")}
        for name, value in (component.get("Parameters") or {}).items():
            if self._parameter_names is None or name in self._parameter_names:
                row[name] = value.get("NumberValue", value.get("StringValue"))
        for metric in component.get("Metrics") or []:
            name = metric.get("MetricName")
            if self._metric_names is None or name in self._metric_names:
                for stat in ("Min", "Max", "Avg", "StdDev", "Last", "Count"):
                    if stat in metric:
                        row[f"{name} - {stat}"] = metric[stat]
        for kind, wanted in (("InputArtifacts", self._input_artifact_names),
                             ("OutputArtifacts", self._output_artifact_names)):
            for name, artifact in (component.get(kind) or {}).items():
                if wanted is None or name in wanted:
                    row[f"{name} - Value"] = artifact.get("Value")
                    if "MediaType" in artifact:
                        row[f"{name} - MediaType"] = artifact["MediaType"]
        for parent in component.get("Parents") or []:
            row.setdefault("Trials", []).append(parent.get("TrialName"))
            row.setdefault("Experiments", []).append(parent.get("ExperimentName"))
        return row

    def _fetch_dataframe(self) -> Any:
        return _pandas().DataFrame([self._row(component) for component in self._trial_component_summaries()])


class ArtifactAnalytics(AnalyticsMetricsBase):
    """Lineage artifacts (ListArtifacts), one row each: name, ARN, type, source URI, times."""

    def __init__(self, sort_by: Optional[str] = None, sort_order: Optional[str] = None,
                 source_uri: Optional[str] = None, artifact_type: Optional[str] = None,
                 sagemaker_session: Optional[SessionLike] = None):
        self._sage_client = _default_session(sagemaker_session).sagemaker_client
        self._sort_by = sort_by if sort_by == "Name" else None
        self._sort_order = sort_order
        self._source_uri = source_uri
        self._artifact_type = artifact_type
        super().__init__()

    def __repr__(self) -> str:
        return "<sagemaker.ArtifactAnalytics>"

    def list_request(self) -> Dict[str, Any]:
        """The ListArtifacts request (pure)."""
        request: Dict[str, Any] = {}
        for key, value in (("SourceUri", self._source_uri), ("ArtifactType", self._artifact_type),
                           ("SortBy", self._sort_by), ("SortOrder", self._sort_order)):
            if value is not None:
                request[key] = value
        return request

    def _fetch_dataframe(self) -> Any:
        pandas = _pandas()
        request = self.list_request()
        rows = []
        while True:
            result = self._sage_client.list_artifacts(**request)
            for summary in result.get("ArtifactSummaries", []):
                rows.append({
                    "ArtifactName": summary.get("ArtifactName"),
                    "ArtifactArn": summary.get("ArtifactArn"),
                    "ArtifactType": summary.get("ArtifactType"),
                    "ArtifactSourceUri": (summary.get("Source") or {}).get("SourceUri"),
                    "CreationTime": summary.get("CreationTime"),
                    "LastModifiedTime": summary.get("LastModifiedTime"),
                })
            if not result.get("NextToken"):
                break
            request["NextToken"] = result["NextToken"]
        return pandas.DataFrame(rows)
