"""Record what SDK V2's serializers and deserializers return, for the parity tests.

Run it with the Python of a virtualenv holding the V2 reference (sagemaker==2.x,
with numpy, pandas and scipy)::

    .v2ref/bin/python tools/record_v2_serializers.py

It runs every case of ``tests/serving/serializer_cases.py`` through V2 and writes
``tests/serving/data/v2_serializers.json``, which
``tests/serving/test_serializers.py`` compares this project against (so the tests
themselves never need V2).
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES_FILE = os.path.join(ROOT, "tests", "serving", "serializer_cases.py")
DEFAULT_OUT = os.path.join(ROOT, "tests", "serving", "data", "v2_serializers.json")


def _load_cases():
    spec = importlib.util.spec_from_file_location("serializer_cases", CASES_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(call):
    try:
        return {"result": call()}
    except Exception as error:  # recorded, not raised: V2's failures are part of the record
        return {"error": type(error).__name__, "message": str(error)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    import sagemaker
    from sagemaker import deserializers, serializers

    if not sagemaker.__version__.startswith("2."):
        parser.error(f"needs SDK V2, found sagemaker {sagemaker.__version__} in {sys.executable}")
    cases = _load_cases()
    record = {"sagemaker_version": sagemaker.__version__, "defaults": {}, "serializers": {}, "deserializers": {}}
    for name in cases.SERIALIZER_CLASSES:
        record["defaults"][name] = {"CONTENT_TYPE": getattr(serializers, name)().CONTENT_TYPE}
    for name in cases.DESERIALIZER_CLASSES:
        record["defaults"][name] = {"ACCEPT": list(getattr(deserializers, name)().ACCEPT)}

    with tempfile.TemporaryDirectory() as workdir:
        for case in cases.SERIALIZER_CASES:
            serializer = getattr(serializers, case["cls"])(**case.get("kwargs", {}))

            def call(case=case, serializer=serializer):
                body = serializer.serialize(cases.build(case["data"], workdir))
                if case.get("npz"):
                    return cases.describe_npz_bytes(body)
                return cases.describe(body)

            outcome = _run(call)
            outcome["content_type"] = serializer.CONTENT_TYPE
            record["serializers"][case["id"]] = outcome
        for case in cases.DESERIALIZER_CASES:
            deserializer = getattr(deserializers, case["cls"])(**case.get("kwargs", {}))

            def call(case=case, deserializer=deserializer):
                stream = io.BytesIO(cases.build(case["body"], workdir))
                return cases.describe(deserializer.deserialize(stream, case["content_type"]))

            outcome = _run(call)
            outcome["accept"] = list(deserializer.ACCEPT)
            record["deserializers"][case["id"]] = outcome

    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {len(record['serializers'])} serializer and {len(record['deserializers'])} "
          f"deserializer cases to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
