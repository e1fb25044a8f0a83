//! Virtual networks, subnets and their IP usage (Microsoft.Network).

use super::ProvisioningState;
use serde::{Deserialize, Serialize};

/// The delegation service name a subnet needs for ANF volumes.
pub const NETAPP_DELEGATION: &str = "Microsoft.NetApp/volumes";

/// A virtual network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualNetwork {
    /// Full ARM id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Region.
    #[serde(default)]
    pub location: String,
    /// Address space and subnets.
    #[serde(default)]
    pub properties: VirtualNetworkProperties,
}

/// Properties of a virtual network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualNetworkProperties {
    /// Address space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_space: Option<AddressSpace>,
    /// Subnets, when the list includes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnets: Option<Vec<Subnet>>,
}

/// Address prefixes of a virtual network.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressSpace {
    /// CIDRs.
    #[serde(default)]
    pub address_prefixes: Vec<String>,
}

/// A subnet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subnet {
    /// Full ARM id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Prefixes and delegations.
    #[serde(default)]
    pub properties: SubnetProperties,
}

/// Properties of a subnet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubnetProperties {
    /// Single prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_prefix: Option<String>,
    /// Several prefixes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_prefixes: Option<Vec<String>>,
    /// Delegations.
    #[serde(default)]
    pub delegations: Vec<Delegation>,
    /// Provisioning state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_state: Option<ProvisioningState>,
}

/// A subnet delegation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delegation {
    /// Delegation name.
    #[serde(default)]
    pub name: String,
    /// The delegated service.
    #[serde(default)]
    pub properties: DelegationProperties,
}

/// Properties of a delegation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DelegationProperties {
    /// E.g. `Microsoft.NetApp/volumes`.
    #[serde(default)]
    pub service_name: String,
}

impl Subnet {
    /// Every address prefix of the subnet.
    #[must_use]
    pub fn prefixes(&self) -> Vec<&str> {
        let mut out: Vec<&str> =
            self.properties.address_prefix.iter().map(String::as_str).collect();
        if let Some(list) = &self.properties.address_prefixes {
            for p in list {
                if !out.contains(&p.as_str()) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Whether the subnet is delegated to `Microsoft.NetApp/volumes` (case-insensitive).
    #[must_use]
    pub fn is_delegated_to_netapp(&self) -> bool {
        self.properties
            .delegations
            .iter()
            .any(|d| d.properties.service_name.eq_ignore_ascii_case(NETAPP_DELEGATION))
    }
}

/// One item of `GET .../virtualNetworks/{vnet}/usages`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualNetworkUsage {
    /// The subnet's ARM id.
    #[serde(default)]
    pub id: String,
    /// Addresses in use.
    #[serde(default)]
    pub current_value: f64,
    /// Addresses available in the subnet (-1 when unlimited).
    #[serde(default)]
    pub limit: f64,
    /// `{"value": "SubnetSpace", ...}`.
    #[serde(default)]
    pub name: UsageName,
    /// Unit, `Count`.
    #[serde(default)]
    pub unit: String,
}

/// Name of a usage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageName {
    /// Machine name.
    #[serde(default)]
    pub value: String,
    /// Human name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_value: Option<String>,
}

/// Free addresses of one subnet, derived from a usage item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetUsage {
    /// The subnet's ARM id.
    pub subnet_id: String,
    /// Addresses in use.
    pub used: u64,
    /// Addresses available in total.
    pub limit: u64,
    /// `limit - used` (never negative).
    pub free: u64,
}

impl VirtualNetworkUsage {
    /// Free IPs of the subnet (`limit - currentValue`), or `None` when the limit is not a count.
    #[must_use]
    pub fn subnet_usage(&self) -> Option<SubnetUsage> {
        if !(self.limit.is_finite() && self.limit >= 0.0 && self.current_value.is_finite()) {
            return None;
        }
        // Values are small integral counts sent as JSON numbers; truncation is intended.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (limit, used) = (self.limit as u64, self.current_value.max(0.0) as u64);
        Some(SubnetUsage {
            subnet_id: self.id.clone(),
            used,
            limit,
            free: limit.saturating_sub(used),
        })
    }
}
