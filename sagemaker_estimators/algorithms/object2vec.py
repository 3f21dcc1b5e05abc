"""``Object2Vec``: embeddings of pairs of objects (sentences, users and items ...)."""
from __future__ import annotations

from typing import Any, Optional

from sagemaker_estimators.algorithms.estimator import AmazonAlgorithmEstimatorBase
from sagemaker_estimators.algorithms.hyperparameters import Hyperparameter as Hp
from sagemaker_estimators.algorithms.hyperparameters import comma_subset, ge, isin, le, table


def _int_in(low: int, high: int) -> tuple:
    return (ge(low), le(high)), f"An integer in [{low}, {high}]"


class Object2Vec(AmazonAlgorithmEstimatorBase):
    """SageMaker's Object2Vec (V2's ``sagemaker.Object2Vec``); ``mini_batch_size`` defaults to 32.

    A ``mini_batch_size`` given to the constructor is used when fit() gets none
    (V2 replaced it with 32).
    """

    repo_name = "object2vec"
    repo_version = "1"
    MINI_BATCH_SIZE = 32

    HYPERPARAMETERS = table(
        Hp("enc_dim", int, *_int_in(4, 10000)),
        Hp("mini_batch_size", int, *_int_in(1, 10000)),
        Hp("epochs", int, *_int_in(1, 100)),
        Hp("early_stopping_patience", int, *_int_in(1, 5)),
        Hp("early_stopping_tolerance", float, (ge(1e-06), le(0.1)), "A float in [1e-06, 0.1]"),
        Hp("dropout", float, (ge(0.0), le(1.0)), "A float in [0.0, 1.0]"),
        Hp("weight_decay", float, (ge(0.0), le(10000.0)), "A float in [0.0, 10000.0]"),
        Hp("bucket_width", int, *_int_in(0, 100)),
        Hp("num_classes", int, *_int_in(2, 30)),
        Hp("mlp_layers", int, *_int_in(1, 10)),
        Hp("mlp_dim", int, *_int_in(2, 10000)),
        Hp("mlp_activation", str, (isin("tanh", "relu", "linear"),), 'One of "tanh", "relu", "linear"'),
        Hp("output_layer", str, (isin("softmax", "mean_squared_error"),), 'One of "softmax", "mean_squared_error"'),
        Hp("optimizer", str, (isin("adagrad", "adam", "rmsprop", "sgd", "adadelta"),),
           'One of "adagrad", "adam", "rmsprop", "sgd", "adadelta"'),
        Hp("learning_rate", float, (ge(1e-06), le(1.0)), "A float in [1e-06, 1.0]"),
        Hp("negative_sampling_rate", int, *_int_in(0, 100)),
        Hp("comparator_list", str, (comma_subset("hadamard", "concat", "abs_diff"),),
           'Comma-separated of hadamard, concat, abs_diff. E.g. "hadamard,abs_diff"'),
        Hp("tied_token_embedding_weight", bool, (), "Either True or False"),
        Hp("token_embedding_storage_type", str, (isin("dense", "row_sparse"),), 'One of "dense", "row_sparse"'),
        Hp("enc0_network", str, (isin("hcnn", "bilstm", "pooled_embedding"),),
           'One of "hcnn", "bilstm", "pooled_embedding"'),
        Hp("enc1_network", str, (isin("hcnn", "bilstm", "pooled_embedding", "enc0"),),
           'One of "hcnn", "bilstm", "pooled_embedding", "enc0"'),
        Hp("enc0_cnn_filter_width", int, *_int_in(1, 9)),
        Hp("enc1_cnn_filter_width", int, *_int_in(1, 9)),
        Hp("enc0_max_seq_len", int, *_int_in(1, 5000)),
        Hp("enc1_max_seq_len", int, *_int_in(1, 5000)),
        Hp("enc0_token_embedding_dim", int, *_int_in(2, 1000)),
        Hp("enc1_token_embedding_dim", int, *_int_in(2, 1000)),
        Hp("enc0_vocab_size", int, *_int_in(2, 3000000)),
        Hp("enc1_vocab_size", int, *_int_in(2, 3000000)),
        Hp("enc0_layers", int, *_int_in(1, 4)),
        Hp("enc1_layers", int, *_int_in(1, 4)),
        Hp("enc0_freeze_pretrained_embedding", bool, (), "Either True or False"),
        Hp("enc1_freeze_pretrained_embedding", bool, (), "Either True or False"),
    )

    def __init__(self, role: Optional[str] = None, instance_count: Optional[int] = None,
                 instance_type: Optional[str] = None, epochs: Optional[int] = None,
                 enc0_max_seq_len: Optional[int] = None, enc0_vocab_size: Optional[int] = None,
                 enc_dim: Optional[int] = None, mini_batch_size: Optional[int] = None,
                 early_stopping_patience: Optional[int] = None, early_stopping_tolerance: Optional[float] = None,
                 dropout: Optional[float] = None, weight_decay: Optional[float] = None,
                 bucket_width: Optional[int] = None, num_classes: Optional[int] = None,
                 mlp_layers: Optional[int] = None, mlp_dim: Optional[int] = None,
                 mlp_activation: Optional[str] = None, output_layer: Optional[str] = None,
                 optimizer: Optional[str] = None, learning_rate: Optional[float] = None,
                 negative_sampling_rate: Optional[int] = None, comparator_list: Optional[str] = None,
                 tied_token_embedding_weight: Optional[bool] = None,
                 token_embedding_storage_type: Optional[str] = None, enc0_network: Optional[str] = None,
                 enc1_network: Optional[str] = None, enc0_cnn_filter_width: Optional[int] = None,
                 enc1_cnn_filter_width: Optional[int] = None, enc1_max_seq_len: Optional[int] = None,
                 enc0_token_embedding_dim: Optional[int] = None, enc1_token_embedding_dim: Optional[int] = None,
                 enc1_vocab_size: Optional[int] = None, enc0_layers: Optional[int] = None,
                 enc1_layers: Optional[int] = None, enc0_freeze_pretrained_embedding: Optional[bool] = None,
                 enc1_freeze_pretrained_embedding: Optional[bool] = None, **kwargs: Any):
        super().__init__(role, instance_count, instance_type, **kwargs)
        self._set_hyperparameters(locals())

    def _resolve_mini_batch_size(self, train: Any, mini_batch_size: Optional[int]) -> Optional[int]:
        return mini_batch_size or self._hyperparameters.get("mini_batch_size") or self.MINI_BATCH_SIZE
