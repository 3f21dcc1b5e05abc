"""``NetworkConfig`` (``sagemaker.network``): network isolation, VPC and inter-container encryption of a job."""
from __future__ import annotations

from typing import Any, Dict, List, Optional


class NetworkConfig:
    """Network settings of a processing (or monitoring) job, as V2's ``sagemaker.network.NetworkConfig``.

    Args:
        enable_network_isolation: run the containers without network access (sent as False when None).
        security_group_ids: VPC security group ids.
        subnets: VPC subnet ids.
        encrypt_inter_container_traffic: encrypt traffic between the job's instances.
    """

    def __init__(
        self,
        enable_network_isolation: Optional[bool] = None,
        security_group_ids: Optional[List[str]] = None,
        subnets: Optional[List[str]] = None,
        encrypt_inter_container_traffic: Optional[bool] = None,
    ):
        self.enable_network_isolation = enable_network_isolation
        self.security_group_ids = security_group_ids
        self.subnets = subnets
        self.encrypt_inter_container_traffic = encrypt_inter_container_traffic

    def _to_request_dict(self) -> Dict[str, Any]:
        """The ``NetworkConfig`` request field."""
        isolation = False if self.enable_network_isolation is None else self.enable_network_isolation
        request: Dict[str, Any] = {"EnableNetworkIsolation": isolation}
        if self.encrypt_inter_container_traffic is not None:
            request["EnableInterContainerTrafficEncryption"] = self.encrypt_inter_container_traffic
        if self.security_group_ids is not None or self.subnets is not None:
            vpc: Dict[str, Any] = {}
            if self.security_group_ids is not None:
                vpc["SecurityGroupIds"] = self.security_group_ids
            if self.subnets is not None:
                vpc["Subnets"] = self.subnets
            request["VpcConfig"] = vpc
        return request

    def __repr__(self) -> str:
        fields = ", ".join(f"{key}={value!r}" for key, value in vars(self).items())
        return f"NetworkConfig({fields})"
