"""Facts about image tags that are not in the per-framework JSON files.

They are the special cases V2 applies on top of its JSON data; kept here as
plain tables so the lookup code stays a walk over dictionaries.
"""
from __future__ import annotations

#: Graviton (arm64) tags of the algorithm-mode XGBoost and scikit-learn images
ARM64_TAGS = {
    "xgboost": {"1.5-1": "1.5-1-arm64", "1.3-1": "1.3-1-arm64"},
    "sklearn": {"1.0-1": "1.0-1-arm64-cpu-py3"},
}

#: "<framework>-<tag>" -> container-version suffix picked for p4d instances or
#: smdistributed training
AUTO_CONTAINER_VERSIONS = {
    "tensorflow-2.3-gpu-py37": "cu110-ubuntu18.04-v3",
    "tensorflow-2.3.1-gpu-py37": "cu110-ubuntu18.04",
    "tensorflow-2.3.2-gpu-py37": "cu110-ubuntu18.04",
    "tensorflow-1.15-gpu-py37": "cu110-ubuntu18.04-v8",
    "tensorflow-1.15.4-gpu-py37": "cu110-ubuntu18.04",
    "tensorflow-1.15.5-gpu-py37": "cu110-ubuntu18.04",
    "mxnet-1.8-gpu-py37": "cu110-ubuntu16.04-v1",
    "mxnet-1.8.0-gpu-py37": "cu110-ubuntu16.04",
    "pytorch-1.6-gpu-py36": "cu110-ubuntu18.04-v3",
    "pytorch-1.6.0-gpu-py36": "cu110-ubuntu18.04",
    "pytorch-1.6-gpu-py3": "cu110-ubuntu18.04-v3",
    "pytorch-1.6.0-gpu-py3": "cu110-ubuntu18.04",
}

#: repositories whose tag carries "<neuron sdk version>-" before the container version
SDK_PREFIXED_REPOSITORIES = frozenset(
    {"pytorch-training-neuron", "pytorch-training-neuronx", "huggingface-vllm-inference-neuronx"}
)
#: HuggingFace neuron inference repositories (sdk prefix + alias-resolved tag)
HF_NEURON_REPOSITORIES = frozenset(
    {"huggingface-pytorch-inference-neuron", "huggingface-pytorch-inference-neuronx"}
)
#: HuggingFace training-compiler repositories (tag uses the resolved version)
HF_TRCOMP_REPOSITORIES = frozenset(
    {"huggingface-pytorch-trcomp-training", "huggingface-tensorflow-trcomp-training"}
)
#: frameworks whose tag may end in a caller-supplied container_version
CONTAINER_VERSION_FRAMEWORKS = frozenset({"huggingface", "pytorch-smp", "spark"})
#: frameworks that have a "<framework>-training-compiler" config
TRAINING_COMPILER_FRAMEWORKS = frozenset({"huggingface", "pytorch"})
#: frameworks that pick "<framework>-neuron[x]" configs on Inferentia/Trainium
NEURON_FRAMEWORKS = frozenset({"huggingface", "pytorch"})
#: frameworks allowed on Trainium instances
TRAINIUM_FRAMEWORKS = ("pytorch",)
#: (framework, first version) whose images no longer run on p2 instances
P2_DEPRECATED_FROM = {"pytorch": "1.13", "tensorflow": "2.12"}

#: region-name prefix -> ECR DNS suffix; anything else is "amazonaws.com"
DNS_SUFFIXES = (
    ("cn-", "amazonaws.com.cn"),
    ("us-isob-", "sc2s.sgov.gov"),
    ("us-isof-", "csp.hci.ic.gov"),
    ("us-iso-", "c2s.ic.gov"),
    ("eu-isoe-", "cloud.adc-e.uk"),
)
DEFAULT_DNS_SUFFIX = "amazonaws.com"


def ecr_hostname(region: str) -> str:
    """``ecr.<region>.<partition dns suffix>``."""
    for prefix, suffix in DNS_SUFFIXES:
        if region.startswith(prefix):
            return f"ecr.{region}.{suffix}"
    return f"ecr.{region}.{DEFAULT_DNS_SUFFIX}"

#: SageMaker model-parallel (pytorch-smp) CUDA tag: PyTorch version fragments that
#: take cu124, and those (or any p5 instance) that take cu121; anything else cu118
SMP_CU124_VERSIONS = ("2.5",)
SMP_CU121_VERSIONS = ("2.1", "2.2", "2.3", "2.4")
#: container version of native (non-compiler) HuggingFace GPU training images
HF_GPU_CONTAINER_VERSION = "cu110-ubuntu18.04"
