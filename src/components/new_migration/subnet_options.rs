//! The delegated subnets a migration volume can use, with their free addresses.

use crate::arm::context::AppClient;
use anf_core::arm::ClientError;
use anf_core::ids::{SubscriptionId, VirtualNetworkId};
use anf_core::models::{Subnet, SubnetUsage};

/// A subnet delegated to `Microsoft.NetApp/volumes`.
#[derive(Clone, Debug, PartialEq)]
pub struct SubnetOption {
    /// Its virtual network's id.
    pub vnet_id: String,
    /// Its virtual network's name.
    pub vnet_name: String,
    /// Its virtual network's region.
    pub location: String,
    /// The subnet.
    pub subnet: Subnet,
    /// Free addresses, when the usage could be read.
    pub usage: Option<SubnetUsage>,
}

impl SubnetOption {
    /// "snet-anf (10.20.1.0/24), 245 free IPs".
    #[must_use]
    pub fn label(&self) -> String {
        let prefixes = self.subnet.prefixes().join(", ");
        let free = self
            .usage
            .as_ref()
            .map_or_else(|| "free IPs unknown".to_owned(), |u| format!("{} free IPs", u.free));
        format!("{} ({prefixes}), {free}", self.subnet.name)
    }
}

/// Every delegated subnet of the subscription's virtual networks, with free addresses from
/// each network's usages.
///
/// # Errors
/// [`ClientError`] when the virtual networks can't be listed. A network whose usages can't be
/// read still lists its subnets, with free addresses unknown.
pub async fn load_subnet_options(
    client: &AppClient,
    subscription: &SubscriptionId,
) -> Result<Vec<SubnetOption>, ClientError> {
    let mut out = Vec::new();
    for vnet in client.list_virtual_networks(subscription).await? {
        let Ok(vnet_id) = VirtualNetworkId::parse(&vnet.id) else { continue };
        let subnets = match vnet.properties.subnets.clone() {
            Some(s) => s,
            None => client.list_subnets(&vnet_id).await?,
        };
        let delegated: Vec<Subnet> =
            subnets.into_iter().filter(Subnet::is_delegated_to_netapp).collect();
        if delegated.is_empty() {
            continue;
        }
        let usages: Vec<SubnetUsage> = client
            .list_virtual_network_usages(&vnet_id)
            .await
            .map(|list| list.iter().filter_map(|u| u.subnet_usage()).collect())
            .unwrap_or_default();
        for subnet in delegated {
            let usage =
                usages.iter().find(|u| u.subnet_id.eq_ignore_ascii_case(&subnet.id)).cloned();
            out.push(SubnetOption {
                vnet_id: vnet.id.clone(),
                vnet_name: vnet.name.clone(),
                location: vnet.location.clone(),
                subnet,
                usage,
            });
        }
    }
    Ok(out)
}
