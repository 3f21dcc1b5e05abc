"""Record V2's ``get_huggingface_llm_image_uri`` answers into tests/dropin/fixtures/llm_image_uris.json.

Run with the V2 reference interpreter: ``.v2ref/bin/python tools/record_llm_image_uris.py``.
Each answer is the URI, or ``"ValueError"`` when V2 raised one.
"""
import json
import os

from sagemaker.huggingface import get_huggingface_llm_image_uri

BACKENDS = ["huggingface", "huggingface-neuronx", "huggingface-vllm-neuronx", "huggingface-tei",
            "huggingface-tei-cpu", "lmi", "not-a-backend"]
VERSIONS = [None, "1.0.3", "1.4.2", "2.0.2", "2.4.0", "3.0.1", "1.2", "1.7", "0.25.0", "0.27.0", "0.1.0"]
REGIONS = ["us-west-2", "us-east-1", "cn-north-1", "eu-central-1", "ap-southeast-2", "us-gov-west-1"]


def main() -> None:
    answers = {}
    for backend in BACKENDS:
        for version in VERSIONS:
            for region in REGIONS:
                try:
                    answer = get_huggingface_llm_image_uri(backend, region=region, version=version)
                except ValueError:
                    answer = "ValueError"
                answers[f"{backend}|{version or ''}|{region}"] = answer
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "dropin", "fixtures", "llm_image_uris.json")
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(answers, handle, indent=1, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
