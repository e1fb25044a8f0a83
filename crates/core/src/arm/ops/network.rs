//! Virtual networks, subnets and free addresses per subnet.

use crate::arm::client::versions;
use crate::arm::{paths, Client, ClientError};
use crate::ids::{ResourceGroupId, SubnetId, SubscriptionId, VirtualNetworkId};
use crate::models::{Subnet, VirtualNetwork, VirtualNetworkUsage};
use crate::transport::{ArmRequest, Method, Transport};

impl<T: Transport> Client<T> {
    /// `VirtualNetworks_ListAll`: every virtual network of a subscription.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_virtual_networks(
        &self,
        subscription: &SubscriptionId,
    ) -> Result<Vec<VirtualNetwork>, ClientError> {
        let path = format!(
            "{}/providers/Microsoft.Network/virtualNetworks",
            paths::subscription(subscription)
        );
        let url = self.url(&path, versions::NETWORK, &[]);
        self.list_all(ArmRequest::new(Method::Get, url), "virtual networks").await
    }

    /// `VirtualNetworks_List`: the virtual networks of a resource group.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_virtual_networks_in_group(
        &self,
        group: &ResourceGroupId,
    ) -> Result<Vec<VirtualNetwork>, ClientError> {
        let path =
            format!("{}/providers/Microsoft.Network/virtualNetworks", paths::resource_group(group));
        let url = self.url(&path, versions::NETWORK, &[]);
        self.list_all(ArmRequest::new(Method::Get, url), "virtual networks").await
    }

    /// `Subnets_List`.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_subnets(&self, vnet: &VirtualNetworkId) -> Result<Vec<Subnet>, ClientError> {
        let url = self.url(&format!("{}/subnets", paths::vnet(vnet)), versions::NETWORK, &[]);
        self.list_all(ArmRequest::new(Method::Get, url), "subnets").await
    }

    /// `Subnets_Get`.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable body.
    pub async fn get_subnet(&self, subnet: &SubnetId) -> Result<Subnet, ClientError> {
        self.get_json(self.url(&paths::subnet(subnet), versions::NETWORK, &[]), "subnet").await
    }

    /// `VirtualNetworks_ListUsage`: addresses used and available per subnet
    /// (see [`VirtualNetworkUsage::subnet_usage`]).
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_virtual_network_usages(
        &self,
        vnet: &VirtualNetworkId,
    ) -> Result<Vec<VirtualNetworkUsage>, ClientError> {
        let url = self.url(&format!("{}/usages", paths::vnet(vnet)), versions::NETWORK, &[]);
        self.list_all(ArmRequest::new(Method::Get, url), "virtual network usages").await
    }
}
