"""``InstanceGroup``: one group of a heterogeneous training cluster (``sagemaker.instance_group``)."""
from __future__ import annotations

from typing import Any, Dict, Optional

import attrs


@attrs.define
class InstanceGroup:
    """A named group of ``instance_count`` instances of ``instance_type``."""

    instance_group_name: Optional[str] = None
    instance_type: Optional[str] = None
    instance_count: Optional[int] = None

    def _to_request_dict(self) -> Dict[str, Any]:
        return {
            "InstanceGroupName": self.instance_group_name,
            "InstanceType": self.instance_type,
            "InstanceCount": self.instance_count,
        }
