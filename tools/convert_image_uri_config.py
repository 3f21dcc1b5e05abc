#!/usr/bin/env python
"""Convert V2-layout image-URI JSON (SDK V2 / sagemaker-core) into the bundled layout.

Usage::

    python tools/convert_image_uri_config.py [SOURCE_DIR] [--out DIR] [--label TEXT]

SOURCE_DIR defaults to the ``image_uri_config`` folder of the V2 reference venv
(``/work/main/.v2ref``); ``--out`` defaults to ``sagemaker_estimators/image_uris/data``.
Files that are not framework configs (``instance_gpu_info.json``) are skipped.
Only facts are carried over: account ids, versions, aliases, repositories, tags.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from sagemaker_estimators.image_uris import formats  # noqa: E402

DEFAULT_SOURCE = os.path.join(
    ROOT, ".v2ref", "lib", "python3.11", "site-packages", "sagemaker", "image_uri_config"
)
DEFAULT_OUT = os.path.join(ROOT, "sagemaker_estimators", "image_uris", "data")


def convert(source_dir: str, out_dir: str, label: str) -> int:
    """Convert every framework file of ``source_dir``; return how many were written."""
    written = 0
    for path in sorted(glob.glob(os.path.join(source_dir, "*.json"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as handle:
            config = json.load(handle)
        try:
            doc = formats.to_bundled(name, config, source=f"{label}/{name}.json" if label else "")
        except formats.FormatError as error:
            print(f"skip {name}: {error}", file=sys.stderr)
            continue
        target = os.path.join(out_dir, f"{name}.json")
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(doc, handle, indent=1)
            handle.write("\n")
        written += 1
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--label", default="sagemaker==2.257.7 image_uri_config")
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    count = convert(args.source, args.out, args.label)
    print(f"wrote {count} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
