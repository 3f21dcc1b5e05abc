#!/usr/bin/env python
"""Record what SDK V2's image-URI functions return, as test fixtures.

Run it with the V2 reference interpreter (it imports ``sagemaker`` V2)::

    /work/main/.v2ref/bin/python tools/record_image_uri_fixtures.py \
        [--config-dir DIR] [--out tests/image_uris/fixtures/v2_image_uris.json.gz]

It walks V2's ``image_uri_config/*.json`` and enumerates every combination of
framework or algorithm, image scope, version (and alias), HuggingFace base
framework, Python version, processor and region the data contains, plus
variants V2 treats specially (defaults when an argument is omitted, local
instance types, serverless, Elastic Inference, Graviton, Inferentia/Trainium,
p4d/smdistributed, p2, training compiler) and error cases (unknown framework,
version, region, Python version, scope, instance type ...).  Each case is run
through V2 and its URI or its exception (type and message) is recorded.

Output: gzipped JSON ``{"reference": ..., "cases": [[function, kwargs, {region:
result}], ...]}`` where a result is a URI string or ``{"error": type, "message": str}``.
"""
from __future__ import annotations

import argparse
import functools
import glob
import gzip
import json
import logging
import multiprocessing
import os
import sys
from typing import Any, Dict, Iterator, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_OUT = os.path.join(ROOT, "tests", "image_uris", "fixtures", "v2_image_uris.json.gz")

#: a representative instance type per processor name in the data
INSTANCE_FOR_PROCESSOR = {
    "cpu": "ml.m5.xlarge",
    "gpu": "ml.g5.xlarge",
    "inf": "ml.inf1.xlarge",
    "trn": "ml.trn1.2xlarge",
}
GRAVITON_INSTANCE = "ml.c6g.xlarge"
DERIVED_SUFFIXES = ("-neuron", "-neuronx", "-training-compiler")
NEURON_PARENTS = ("pytorch", "huggingface")
BAD_REGION = "xx-fake-1"
FEW_REGIONS = ("us-west-2", "cn-north-1", "us-gov-west-1", "us-iso-east-1")

Case = Tuple[str, Dict[str, Any], List[str]]


def instance_for(processor: Optional[str], scope: Optional[str]) -> Optional[str]:
    """An instance type V2 maps to ``processor`` (Graviton for the graviton scope)."""
    if processor is None:
        return None
    if scope == "inference_graviton" and processor == "cpu":
        return GRAVITON_INSTANCE
    return INSTANCE_FOR_PROCESSOR.get(processor, f"ml.{processor}.xlarge")


def few(regions: List[str]) -> List[str]:
    """A handful of the given regions: partition representatives plus the first one."""
    chosen = [r for r in FEW_REGIONS if r in regions]
    if regions and regions[0] not in chosen:
        chosen.append(regions[0])
    return chosen or regions[:1]


def scopes_of(config: Dict[str, Any]) -> List[Tuple[Optional[str], Dict[str, Any]]]:
    if "scope" in config:
        return [(scope, config) for scope in config["scope"]]
    if "versions" in config:  # no scope at all (sagemaker-base-python)
        return [(None, config)]
    return [(scope, config[scope]) for scope in config if isinstance(config[scope], dict)]


def leaves(node: Dict[str, Any]) -> Iterator[Tuple[Optional[str], Optional[str], Dict[str, Any]]]:
    """(base framework, py_version, leaf config) under a version config."""
    if "repository" not in node and "version_aliases" in node:  # HuggingFace
        for base, sub in node.items():
            if base == "version_aliases":
                continue
            for _, py, leaf in leaves(sub):
                yield base, py, leaf
        return
    if "repository" in node:
        for py in node.get("py_versions") or [None]:
            yield None, py, node
        return
    for py, leaf in node.items():  # Python-version keyed
        if isinstance(leaf, dict):
            yield None, py, leaf


def callers(name: str) -> List[Tuple[str, Dict[str, Any]]]:
    """(framework argument, extra kwargs) that reach config file ``name`` in V2."""
    ways: List[Tuple[str, Dict[str, Any]]] = [(name, {})]
    for parent in NEURON_PARENTS:
        for tool in ("neuron", "neuronx"):
            if name == f"{parent}-{tool}":
                ways.append((parent, {"inference_tool": tool}))
                if tool == "neuron":
                    ways.append((parent, {}))  # chosen from an inf/trn instance type
        if name == f"{parent}-training-compiler":
            ways.append((parent, {"training_compiler_config": True}))
    return ways


def add(cases: Dict[str, Case], kwargs: Dict[str, Any], regions: List[str],
        fn: str = "retrieve") -> None:
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    key = json.dumps([fn, kwargs], sort_keys=True)
    if key in cases:
        merged = cases[key][2] + [r for r in regions if r not in cases[key][2]]
        cases[key] = (fn, kwargs, merged)
    else:
        cases[key] = (fn, kwargs, list(regions))


def enumerate_cases(config_dir: str) -> List[Case]:
    """Every case to record, from the V2 data files in ``config_dir``."""
    cases: Dict[str, Case] = {}
    names = []
    for path in sorted(glob.glob(os.path.join(config_dir, "*.json"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as handle:
            config = json.load(handle)
        if not any(isinstance(v, dict) and "versions" in v for v in config.values()) \
                and "versions" not in config:
            continue
        names.append(name)
        for scope, scope_config in scopes_of(config):
            processors_top = scope_config.get("processors")
            aliases_by_target: Dict[str, List[str]] = {}
            for alias, target in scope_config.get("version_aliases", {}).items():
                aliases_by_target.setdefault(target, []).append(alias)
            for version, node in scope_config["versions"].items():
                for base, py, leaf in leaves(node):
                    base_aliases = [a for a, t in node.get("version_aliases", {}).items()
                                    if base and t == base] if base else []
                    regions = list(leaf.get("registries", {}))
                    processors = processors_top or leaf.get("processors") or [None]
                    for framework, extra in callers(name):
                        for processor in processors:
                            instance = instance_for(processor, scope)
                            if extra == {} and framework != name:  # neuron via instance type
                                if processor not in ("inf", "trn"):
                                    continue
                            base_kw = dict(extra, framework=framework, image_scope=scope,
                                           py_version=py, instance_type=instance,
                                           base_framework_version=base)
                            add(cases, dict(base_kw, version=version), regions)
                            for alias in aliases_by_target.get(version, []):
                                add(cases, dict(base_kw, version=alias), few(regions))
                            for base_alias in base_aliases:
                                add(cases, dict(base_kw, version=version,
                                                base_framework_version=base_alias), few(regions))
                            one = few(regions)[:1]
                            # arguments left out: V2 defaults or rejects them
                            add(cases, dict(base_kw, version=None), one)
                            add(cases, dict(base_kw, version=version, py_version=None), one)
                            add(cases, dict(base_kw, version=version, instance_type=None), one)
                            add(cases, dict(base_kw, version=version, image_scope=None), one)
                            add(cases, dict(base_kw, version=version, base_framework_version=None),
                                one)
                            # bad values
                            add(cases, dict(base_kw, version="99.99.99"), one)
                            add(cases, dict(base_kw, version=version, py_version="py99"), one)
                            add(cases, dict(base_kw, version=version, image_scope="nonsense"), one)
                            add(cases, dict(base_kw, version=version, instance_type="m5.xlarge"),
                                one)
                            add(cases, dict(base_kw, version=version), [BAD_REGION])
                            add(cases, dict(base_kw, version=version, container_version="cu999"),
                                one)
                            if "sdk_versions" in leaf:
                                add(cases, dict(base_kw, version=version, sdk_version="sdk9.9.9"),
                                    one)
                            if processor in ("cpu", "gpu") or processor is None:
                                for local in ("local", "local_gpu"):
                                    add(cases, dict(base_kw, version=version,
                                                    instance_type=local), one)
                                add(cases, dict(base_kw, version=version,
                                                serverless_inference_config=True), one)
                                add(cases, dict(base_kw, version=version,
                                                instance_type=GRAVITON_INSTANCE), one)
                                add(cases, dict(base_kw, version=version,
                                                instance_type="ml.trn1.2xlarge"), one)
                                add(cases, dict(base_kw, version=version,
                                                instance_type="ml.inf1.xlarge"), one)
                            if processor == "gpu":
                                for gpu in ("ml.p4d.24xlarge", "ml.p2.xlarge", "ml.p3.2xlarge"):
                                    add(cases, dict(base_kw, version=version, instance_type=gpu),
                                        one)
                                add(cases, dict(base_kw, version=version, distribution={
                                    "smdistributed": {"dataparallel": {"enabled": True}}}), one)
                                if framework in ("huggingface", "pytorch-smp", "spark"):
                                    add(cases, dict(base_kw, version=version,
                                                    container_version="cu110-ubuntu18.04"), one)
                            if scope in ("eia", "inference"):
                                add(cases, dict(base_kw, version=version,
                                                accelerator_type="ml.eia2.medium"), one)
                            if scope == "eia":
                                add(cases, dict(base_kw, version=version, image_scope="inference",
                                                accelerator_type="ml.eia1.large"), one)
                                add(cases, dict(base_kw, version=version,
                                                accelerator_type="ml.m5.large"), one)
    add(cases, {"framework": "not-a-framework", "version": "1.0"}, ["us-west-2"])
    add(cases, {"framework": "pytorch", "version": "2.1", "py_version": "py310",
                "image_scope": "training", "instance_type": "ml.g5.xlarge"},
        ["us-west-2"], fn="retrieve")
    _training_image_cases(cases, config_dir)
    for py in ("310", "38"):
        add(cases, {"py_version": py}, list(_base_python_regions(config_dir)) + [BAD_REGION],
            fn="get_base_python_image_uri")
    return list(cases.values())


def _base_python_regions(config_dir: str) -> List[str]:
    with open(os.path.join(config_dir, "sagemaker-base-python.json"), encoding="utf-8") as f:
        config = json.load(f)
    return list(next(iter(config["versions"].values()))["registries"])


def _training_image_cases(cases: Dict[str, Case], config_dir: str) -> None:
    """V2's get_training_image_uri: HuggingFace bases and pytorch-smp distributions."""
    with open(os.path.join(config_dir, "huggingface.json"), encoding="utf-8") as f:
        hf = json.load(f)["training"]
    for version, node in hf["versions"].items():
        for base, py, _ in leaves(node):
            kind, base_version = ("pytorch", base[7:]) if base.startswith("pytorch") else (
                "tensorflow", base[10:])
            for instance in ("ml.g5.xlarge", "ml.m5.xlarge", "ml.inf1.xlarge"):
                for compiler in (None, True):
                    add(cases, {"framework": "huggingface", "framework_version": version,
                                "py_version": py, f"{kind}_version": base_version,
                                "instance_type": instance, "compiler_config": compiler},
                        ["us-east-1"], fn="get_training_image_uri")
    with open(os.path.join(config_dir, "pytorch-smp.json"), encoding="utf-8") as f:
        smp = json.load(f)["training"]
    smp_distribution = {"torch_distributed": {"enabled": True},
                        "smdistributed": {"modelparallel": {"enabled": True}}}
    aliases = smp.get("version_aliases", {})
    for version in list(smp["versions"]) + list(aliases):
        py_versions = smp["versions"][aliases.get(version, version)].get("py_versions") or [None]
        for instance in ("ml.p4d.24xlarge", "ml.p5.48xlarge"):
            add(cases, {"framework": "pytorch", "framework_version": version,
                        "py_version": py_versions[0], "instance_type": instance,
                        "distribution": smp_distribution}, ["us-west-2"],
                fn="get_training_image_uri")
    for framework, version, py in (("pytorch", "2.1", "py310"), ("tensorflow", "2.13", "py310"),
                                   ("pytorch", "1.6", "py36")):
        for instance in ("ml.g5.xlarge", "ml.p4d.24xlarge", "ml.m5.xlarge"):
            add(cases, {"framework": framework, "framework_version": version, "py_version": py,
                        "instance_type": instance}, ["us-west-2", "cn-north-1"],
                fn="get_training_image_uri")
    add(cases, {"framework": "pytorch", "image_uri": "my/own:image"}, ["us-west-2"],
        fn="get_training_image_uri")


# -- running V2 -----------------------------------------------------------------
_V2: Dict[str, Any] = {}


def _setup_v2() -> None:
    """Import V2 once per worker, with its per-call file reads cached (same data)."""
    os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
    logging.disable(logging.CRITICAL)
    import sagemaker.image_uris as image_uris
    import sagemaker.utils as utils
    from sagemaker.serverless import ServerlessInferenceConfig
    from sagemaker.training_compiler.config import TrainingCompilerConfig

    resolver = utils._botocore_resolver()
    utils._botocore_resolver = lambda: resolver

    @functools.lru_cache(maxsize=None)
    def raw(framework):
        path = os.path.join(os.path.dirname(image_uris.__file__), "image_uri_config",
                            f"{framework}.json")
        with open(path) as handle:
            return handle.read()

    def config_for_framework(framework):
        return json.loads(raw(framework))  # a fresh dict per call, as V2 reads it

    image_uris.config_for_framework = config_for_framework
    _V2.update(module=image_uris, serverless=ServerlessInferenceConfig,
               compiler=TrainingCompilerConfig)


def _call(case: Case) -> List[Any]:
    if not _V2:
        _setup_v2()
    fn, kwargs, regions = case
    call_kwargs = dict(kwargs)
    if call_kwargs.get("serverless_inference_config"):
        call_kwargs["serverless_inference_config"] = _V2["serverless"]()
    for key in ("training_compiler_config", "compiler_config"):
        if call_kwargs.get(key):
            call_kwargs[key] = True  # V2 only tests truthiness
    results: Dict[str, Any] = {}
    for region in regions:
        try:
            results[region] = getattr(_V2["module"], fn)(region=region, **call_kwargs)
        except Exception as error:  # noqa: BLE001 - recorded as data
            results[region] = {"error": type(error).__name__, "message": str(error)}
    return [fn, kwargs, results]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-dir", default=None,
                        help="V2 image_uri_config folder (default: the running V2's)")
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    _setup_v2()
    import sagemaker

    version = getattr(sagemaker, "__version__", "?")
    config_dir = args.config_dir or os.path.join(
        os.path.dirname(_V2["module"].__file__), "image_uri_config")
    cases = enumerate_cases(config_dir)
    print(f"{len(cases)} cases, {sum(len(c[2]) for c in cases)} calls", file=sys.stderr)
    with multiprocessing.Pool(args.jobs) as pool:
        recorded = pool.map(_call, cases, chunksize=64)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    payload = {"reference": f"sagemaker=={version}", "cases": recorded}
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(payload, handle, separators=(",", ":"))
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
