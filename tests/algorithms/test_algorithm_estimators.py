"""Built-in algorithm estimators: hyperparameter tables, record_set() uploads, fit() requests, attach, V2 surface.

Request parity with V2 is proven by the golden scenarios (tests/golden, area
``algorithms``); these tests pin the rules one by one against moto.
"""
from __future__ import annotations

import importlib
import inspect
import io
import json
import os

import pytest

np = pytest.importorskip("numpy")

from sagemaker_estimators.algorithms import hyperparameters as hps  # noqa: E402
from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase  # noqa: E402
from sagemaker_estimators.algorithms.numpy_records import read_records, write_numpy_to_dense_tensor  # noqa: E402
from sagemaker_estimators.algorithms.record_set import RecordSet, shard_bounds  # noqa: E402

ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
ALGORITHMS = {
    "linear_learner": "LinearLearner", "kmeans": "KMeans", "pca": "PCA",
    "factorization_machines": "FactorizationMachines", "ntm": "NTM", "lda": "LDA", "knn": "KNN",
    "randomcutforest": "RandomCutForest", "ipinsights": "IPInsights", "object2vec": "Object2Vec",
}
SURFACE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference", "v2_surface_wave2.json")
if not os.path.exists(SURFACE):
    SURFACE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "reference",
                           "v2_surface_wave2.json")


def _class(module: str):
    return getattr(importlib.import_module(f"sagemaker_estimators.algorithms.{module}"), ALGORITHMS[module])


def _estimator(cls, session, **kwargs):
    base = dict(role=ROLE, instance_count=1, instance_type="ml.c4.xlarge", sagemaker_session=session)
    if cls.__name__ == "LDA":
        base.pop("instance_count")
    base.update(kwargs)
    return cls(**base)


@pytest.fixture
def session(aws):
    from sagemaker_estimators.session import Session

    return Session()


# --- the tables ---------------------------------------------------------------------------
@pytest.mark.parametrize("module", sorted(ALGORITHMS))
def test_each_table_entry_is_a_constructor_argument_and_the_reverse(module):
    cls = _class(module)
    own = {spec.attribute for spec in cls.HYPERPARAMETERS} - {"feature_dim"}  # RCF narrows feature_dim only
    arguments = set(inspect.signature(cls.__init__).parameters) - {
        "self", "role", "instance_count", "instance_type", "kwargs"}
    assert own == arguments


@pytest.mark.parametrize("module,argument,value", [
    ("linear_learner", "predictor_type", "x"),
    ("linear_learner", "target_recall", 1.0),
    ("linear_learner", "epochs", 0),
    ("kmeans", "k", 1),
    ("kmeans", "init_method", "best"),
    ("pca", "algorithm_mode", "fast"),
    ("factorization_machines", "bias_lr", -0.1),
    ("ntm", "num_topics", 1),
    ("lda", "alpha0", 0),
    ("knn", "index_metric", "cosine"),
    ("randomcutforest", "num_trees", 49),
    ("ipinsights", "vector_dim", 5000),
    ("object2vec", "comparator_list", "hadamard,dot"),
])
def test_out_of_range_or_choice_is_refused_at_construction_naming_the_parameter(session, module, argument, value):
    with pytest.raises(ValueError) as error:
        _estimator(_class(module), session, **{argument: value})
    assert argument in str(error.value) and repr(value) in str(error.value)


def test_wrong_type_names_the_parameter(session):
    from sagemaker_estimators.algorithms.linear_learner import LinearLearner

    with pytest.raises(ValueError, match=r"'many' for epochs: cannot be read as int"):
        _estimator(LinearLearner, session, epochs="many")
    with pytest.raises(TypeError, match="learning_rate"):
        _estimator(LinearLearner, session, learning_rate=[0.1])


def test_assignment_after_construction_is_validated(session):
    from sagemaker_estimators.algorithms.kmeans import KMeans

    km = _estimator(KMeans, session, k=3)
    with pytest.raises(ValueError, match=r"tol \(sent as local_lloyd_tol\)"):
        km.tol = 2
    km.max_iterations = "7"
    assert km.max_iterations == 7
    assert km.hyperparameters() == {"force_dense": "True", "k": "3", "local_lloyd_max_iter": "7"}


def test_values_are_sent_as_v2_renders_them(session):
    from sagemaker_estimators.algorithms.linear_learner import LinearLearner
    from sagemaker_estimators.algorithms.ntm import NTM

    ll = _estimator(LinearLearner, session, predictor_type="regressor", use_bias=False, learning_rate=1,
                    positive_example_weight_mult=2.5, normalize_data="false", num_models=3.0)
    assert ll.hyperparameters() == {"predictor_type": "regressor", "positive_example_weight_mult": "2.5",
                                    "use_bias": "False", "num_models": "3", "learning_rate": "1.0",
                                    "normalize_data": "False"}
    ntm = _estimator(NTM, session, encoder_layers=(64, 32))
    assert ntm.hyperparameters() == {"encoder_layers": "[64, 32]"}


def test_cross_field_rules(session):
    from sagemaker_estimators.algorithms.knn import KNN
    from sagemaker_estimators.algorithms.linear_learner import LinearLearner

    with pytest.raises(ValueError, match="num_classes"):
        _estimator(LinearLearner, session, predictor_type="multiclass_classifier", num_classes=2)
    _estimator(LinearLearner, session, predictor_type="multiclass_classifier", num_classes=3)
    with pytest.raises(ValueError, match="dimension_reduction_target"):
        _estimator(KNN, session, dimension_reduction_type="sign")


def test_lda_always_uses_one_instance(session, caplog):
    from sagemaker_estimators.algorithms.lda import LDA

    lda = LDA(role=ROLE, instance_type="ml.c4.xlarge", instance_count=3, sagemaker_session=session)
    assert lda.instance_count == 1
    assert "single instance" in caplog.text


def test_table_helpers():
    spec = hps.Hyperparameter("eval_metrics", list)
    assert spec.convert('["msd", "ssd"]') == ["msd", "ssd"]
    assert spec.convert("msd, ssd") == ["msd", "ssd"]
    assert hps.Hyperparameter("b", bool).convert("False") is False
    assert hps.serialize_all({"a": None, "b": [1], "c": 0.5}) == {"b": "[1]", "c": "0.5"}
    with pytest.raises(ValueError, match="declared twice"):
        hps.table(hps.Hyperparameter("a"), hps.Hyperparameter("a"))


# --- record_set ---------------------------------------------------------------------------
def _objects(bucket):
    import boto3

    client = boto3.client("s3", region_name="us-west-2")
    try:
        return {o["Key"]: client.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
                for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}
    except client.exceptions.NoSuchBucket:
        return {}


def _make_bucket(name):
    import boto3

    boto3.client("s3", region_name="us-west-2").create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})


def test_shard_split_is_v2s():
    assert shard_bounds(3, 10) == [(0, 3), (3, 6), (6, 10)]
    assert shard_bounds(1, 4) == [(0, 4)]
    with pytest.raises(ValueError, match="less than num shards"):
        shard_bounds(5, 4)


def test_record_set_uploads_shards_and_manifest(session):
    from sagemaker_estimators.algorithms.linear_learner import LinearLearner

    _make_bucket("records")
    ll = _estimator(LinearLearner, session, instance_count=3, data_location="s3://records/sets")
    train = np.arange(30, dtype="float32").reshape(10, 3)
    labels = np.arange(10, dtype="float64")
    records = ll.record_set(train, labels=labels, channel="train")
    objects = _objects("records")
    manifest_key = records.s3_data[len("s3://records/"):]
    prefix = manifest_key[: -len(".amazon.manifest")]
    assert prefix.startswith("setsLinearLearner-")  # V2 appends to a data_location without a slash
    assert json.loads(objects[manifest_key]) == [{"prefix": f"s3://records/{prefix}"},
                                                 "matrix_0.pbr", "matrix_1.pbr", "matrix_2.pbr"]
    for index, (start, end) in enumerate([(0, 3), (3, 6), (6, 10)]):
        expected = io.BytesIO()
        write_numpy_to_dense_tensor(expected, train[start:end], labels[start:end])
        assert objects[f"{prefix}matrix_{index}.pbr"] == expected.getvalue()
    assert (records.num_records, records.feature_dim, records.s3_data_type) == (10, 3, "ManifestFile")
    assert [len(read_records(io.BytesIO(objects[f"{prefix}matrix_2.pbr"])))] == [4]


@pytest.mark.parametrize("train,labels,message", [
    (lambda: np.ones(4, dtype="float32"), None, "train must be 2-D|array must be 2-D"),
    (lambda: np.ones((4, 2), dtype="float32"), lambda: np.ones(3, dtype="float32"), "one value per row"),
    (lambda: np.ones((4, 2), dtype="float32"), lambda: np.ones((4, 1)), "Labels must be a Vector"),
    (lambda: np.ones((4, 0), dtype="float32"), None, "feature_dim must be > 0"),
    (lambda: np.ones((4, 2), dtype="float16"), None, "float16 on train"),
    (lambda: np.ones((1, 2), dtype="float32"), None, "less than num shards"),
])
def test_record_set_refuses_bad_input_before_any_upload(session, train, labels, message):
    from sagemaker_estimators.algorithms.pca import PCA

    _make_bucket("records")
    pca = _estimator(PCA, session, instance_count=2, data_location="s3://records/x/")
    with pytest.raises(ValueError, match=message):
        pca.record_set(train(), labels=labels() if labels else None)
    assert _objects("records") == {}


def test_bad_data_location_is_refused_before_upload(session):
    from sagemaker_estimators.algorithms.pca import PCA

    pca = _estimator(PCA, session, data_location="my-bucket/x")
    with pytest.raises(ValueError, match="data_location"):
        pca.record_set(np.ones((2, 2)))
    with pytest.raises(ValueError, match="data_location"):
        pca.data_location = "http://x"
    pca.data_location = "s3://b/p"
    assert pca.data_location == "s3://b/p/"


# --- fit ------------------------------------------------------------------------------------
def test_fit_sends_feature_dim_and_default_mini_batch_size(session, training_requests):
    from sagemaker_estimators.algorithms.linear_learner import LinearLearner

    ll = _estimator(LinearLearner, session, instance_count=2, predictor_type="regressor",
                    output_path="s3://out/")
    records = RecordSet("s3://in/manifest", num_records=3000, feature_dim=7)
    ll.fit(records, wait=False)
    (request,) = training_requests
    assert request["HyperParameters"] == {"predictor_type": "regressor", "feature_dim": "7",
                                          "mini_batch_size": "1000"}
    assert request["AlgorithmSpecification"]["TrainingImage"].endswith("/linear-learner:1")
    assert request["InputDataConfig"] == [{
        "ChannelName": "train",
        "DataSource": {"S3DataSource": {"S3DataType": "ManifestFile", "S3Uri": "s3://in/manifest",
                                        "S3DataDistributionType": "ShardedByS3Key"}},
    }]


@pytest.mark.parametrize("module,mini_batch_size,message", [
    ("randomcutforest", 10, "fixed mini_batch_size of 1000"),
    ("ntm", 10001, r"\[1, 10000\]"),
    ("ipinsights", 0, r"\[1, 500000\]"),
    ("lda", None, "mini_batch_size must be set"),
    ("kmeans", -1, "mini_batch_size"),
])
def test_fit_refuses_bad_mini_batch_size_before_creating_anything(session, training_requests, module,
                                                                  mini_batch_size, message):
    est = _estimator(_class(module), session, output_path="s3://out/")
    with pytest.raises(ValueError, match=message):
        est.fit(RecordSet("s3://in/m", num_records=10, feature_dim=3), mini_batch_size=mini_batch_size)
    assert training_requests == []


def test_fit_refuses_records_it_cannot_train_on(session, training_requests):
    from sagemaker_estimators.algorithms.randomcutforest import RandomCutForest

    rcf = _estimator(RandomCutForest, session, output_path="s3://out/")
    with pytest.raises(ValueError, match="feature_dim"):
        rcf.fit(RecordSet("s3://in/m", num_records=10, feature_dim=10001))
    with pytest.raises(ValueError, match="train channel"):
        rcf.fit([RecordSet("s3://in/m", 10, 3, channel="test")])
    with pytest.raises(ValueError, match="Duplicate channels"):
        rcf.fit([RecordSet("s3://in/m", 10, 3), RecordSet("s3://in/n", 10, 3)])
    with pytest.raises(TypeError, match="RecordSet"):
        rcf.fit("s3://in/m")
    assert training_requests == []


def test_object2vec_keeps_a_constructor_mini_batch_size(session, training_requests):
    from sagemaker_estimators.algorithms.object2vec import Object2Vec

    o2v = _estimator(Object2Vec, session, mini_batch_size=64, output_path="s3://out/")
    o2v.fit(RecordSet("s3://in/m", 10, 3), wait=False)
    _estimator(Object2Vec, session, output_path="s3://out/").fit(RecordSet("s3://in/m", 10, 3), wait=False)
    assert [r["HyperParameters"]["mini_batch_size"] for r in training_requests] == ["64", "32"]


def test_attach_restores_hyperparameters_with_their_types(session):
    from sagemaker_estimators.algorithms.kmeans import KMeans

    km = _estimator(KMeans, session, k=5, tol=0.25, eval_metrics=["msd"], output_path="s3://out/",
                    output_kms_key="arn:aws:kms:us-west-2:123456789012:key/k")
    km.fit(RecordSet("s3://in/m", 10, 3), mini_batch_size=50, job_name="km-attach")
    again = KMeans.attach("km-attach", sagemaker_session=session)
    assert (again.k, again.tol, again.eval_metrics, again.feature_dim, again.mini_batch_size) == (
        5, 0.25, ["msd"], 3, 50)
    assert again.hyperparameters() == km.hyperparameters()


def test_create_model_gives_the_algorithm_model_and_predictor(session):
    from sagemaker_estimators.algorithms import models

    model = models.IPInsightsModel("s3://b/model.tar.gz", ROLE, sagemaker_session=session, image_uri="ignored")
    assert model.image_uri.endswith("/ipinsights:1") and model.predictor_cls is models.IPInsightsPredictor
    predictor = models.KMeansPredictor("ep", sagemaker_session=session)
    assert (predictor.content_type, predictor.accept) == (
        "application/x-recordio-protobuf", ("application/x-recordio-protobuf",))
    ipi = models.IPInsightsPredictor("ep", sagemaker_session=session)
    assert (ipi.content_type, ipi.accept) == ("text/csv", ("application/json",))


# --- V2 surface -----------------------------------------------------------------------------
def _surface_cases():
    if not os.path.exists(SURFACE):
        return []
    with open(SURFACE, encoding="utf-8") as handle:
        modules = json.load(handle)["modules"]
    return [pytest.param(module, name, info, id=f"{module}.{name}")
            for module, names in modules.items()
            if module.startswith("sagemaker.amazon") or module == "sagemaker.serializer_utils"
            for name, info in names.items() if info.get("kind") in ("class", "function")]


@pytest.mark.parametrize("module_name,name,info", _surface_cases())
def test_v2_names_and_parameters_exist(module_name, name, info):
    module = importlib.import_module(module_name)
    value = getattr(module, name)
    params = info.get("init") if info["kind"] == "class" else info.get("params")
    target = value.__init__ if info["kind"] == "class" else value
    ours = inspect.signature(target).parameters
    for parameter in params or []:
        if parameter["kind"] in ("VAR_KEYWORD", "VAR_POSITIONAL") or parameter["name"] == "self":
            continue
        assert parameter["name"] in ours, f"{module_name}.{name} lacks V2 parameter {parameter['name']!r}"
    if info["kind"] == "class" and issubclass(value, AmazonAlgorithmEstimatorBase):
        for method in ("fit", "record_set", "hyperparameters", "create_model", "deploy", "attach",
                       "training_image_uri", "prepare_workflow_for_training", "transformer"):
            assert hasattr(value, method)


def test_top_level_names():
    import sagemaker

    for name in ALGORITHMS.values():
        assert getattr(sagemaker, name).__name__ == name
        assert getattr(sagemaker, name + "Model").__name__ == name + "Model"
    assert sagemaker.KMeansPredictor.DEFAULT_SERIALIZER.__name__ == "RecordSerializer"
    assert not hasattr(sagemaker, "Object2VecPredictor")


# --- local mode -----------------------------------------------------------------------------
def test_local_process_is_refused_with_the_reason():
    from sagemaker_estimators.algorithms.pca import PCA

    with pytest.raises(ValueError, match="built-in algorithm with no script"):
        PCA(role=ROLE, instance_count=1, instance_type="local_process", num_components=2)


def test_local_docker_mode_builds_the_same_request_as_the_generic_estimator(tmp_path):
    from sagemaker_estimators.algorithms.pca import PCA
    from sagemaker_estimators.local.session import LocalSession

    session = LocalSession()
    session.config = {"local": {"local_code": True}}
    pca = PCA(role=ROLE, instance_count=1, instance_type="local", num_components=2, sagemaker_session=session,
              output_path=f"file://{tmp_path}")
    pca._prepare_records(RecordSet("file:///data/train", 10, 4), None)
    pca._prepare_for_training(job_name="pca-local")
    request = pca._training_request(None, ROLE, None)
    assert request["AlgorithmSpecification"]["TrainingImage"] == pca.training_image_uri()
    assert request["HyperParameters"] == {"num_components": "2", "feature_dim": "4", "mini_batch_size": "10"}


# --- module-level helpers -------------------------------------------------------------------
def test_get_image_uri_is_the_registry_lookup(caplog):
    from sagemaker_estimators import image_uris
    from sagemaker_estimators.algorithms.estimator import get_image_uri

    assert get_image_uri("eu-west-1", "kmeans") == image_uris.retrieve("kmeans", "eu-west-1", version="1")
    assert "renamed" in caplog.text


def test_upload_shards_with_a_boto3_resource_encrypted(aws):
    import boto3

    from sagemaker_estimators.algorithms.record_set import upload_numpy_to_s3_shards

    _make_bucket("enc")
    s3 = boto3.resource("s3", region_name="us-west-2")
    uri = upload_numpy_to_s3_shards(2, s3, "enc", "p", np.ones((5, 2)), encrypt=True)
    assert uri == "s3://enc/p/.amazon.manifest"
    client = boto3.client("s3", region_name="us-west-2")
    head = client.head_object(Bucket="enc", Key="p/matrix_1.pbr")
    assert head["ServerSideEncryption"] == "AES256"
    assert len(read_records(io.BytesIO(client.get_object(Bucket="enc", Key="p/matrix_1.pbr")["Body"].read()))) == 3


def test_failed_upload_removes_the_shards_already_uploaded(aws):
    import boto3

    from sagemaker_estimators.algorithms.record_set import upload_numpy_to_s3_shards

    _make_bucket("half")
    real = boto3.client("s3", region_name="us-west-2")

    class FailsOnManifest:
        def put_object(self, **kwargs):
            if kwargs["Key"].endswith(".amazon.manifest"):
                raise RuntimeError("network gone")
            return real.put_object(**kwargs)

        def delete_object(self, **kwargs):
            return real.delete_object(**kwargs)

    with pytest.raises(RuntimeError, match="network gone"):
        upload_numpy_to_s3_shards(3, FailsOnManifest(), "half", "p/", np.ones((6, 2)))
    assert _objects("half") == {}


def test_file_system_record_set_and_workflow_preparation(session, training_requests):
    from sagemaker_estimators.algorithms.kmeans import KMeans
    from sagemaker_estimators.algorithms.record_set import FileSystemRecordSet

    km = _estimator(KMeans, session, k=2, output_path="s3://out/")
    efs = FileSystemRecordSet("fs-0123456789", "EFS", "/data", num_records=10, feature_dim=3)
    km.prepare_workflow_for_training(records=efs, mini_batch_size=5, job_name="wf")
    assert (km.feature_dim, km.mini_batch_size, km._current_job_name) == (3, 5, "wf")
    km.fit(efs, wait=False)
    (request,) = training_requests
    assert request["InputDataConfig"][0]["DataSource"] == {"FileSystemDataSource": {
        "FileSystemId": "fs-0123456789", "FileSystemType": "EFS", "DirectoryPath": "/data", "FileSystemAccessMode": "ro"}}
    assert "mini_batch_size" not in request["HyperParameters"]  # KMeans sends none unless fit() gets one


def test_prepare_for_training_takes_v2s_positional_forms(session):
    from sagemaker_estimators.algorithms.pca import PCA

    pca = _estimator(PCA, session, output_path="s3://out/")
    pca._prepare_for_training(RecordSet("s3://in/m", 40, 6), 8, "with-records")  # V2's tuner, record inputs
    assert (pca.feature_dim, pca.mini_batch_size, pca._current_job_name) == (6, 8, "with-records")
    pca._prepare_for_training("just-a-name")  # the base class and V2's tuner for other inputs
    assert pca._current_job_name == "just-a-name"
