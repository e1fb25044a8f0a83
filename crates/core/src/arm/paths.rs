//! Encoded URL paths of the resources the client addresses.

use super::client::encode_segment as e;
use crate::ids::{
    AccountId, PoolId, ResourceGroupId, SubnetId, SubscriptionId, VirtualNetworkId, VolumeId,
};

/// `/subscriptions/{s}`.
#[must_use]
pub fn subscription(id: &SubscriptionId) -> String {
    format!("/subscriptions/{}", e(&id.subscription))
}

/// `/subscriptions/{s}/resourceGroups/{rg}`.
#[must_use]
pub fn resource_group(id: &ResourceGroupId) -> String {
    format!("/subscriptions/{}/resourceGroups/{}", e(&id.subscription), e(&id.resource_group))
}

/// A NetApp account.
#[must_use]
pub fn account(id: &AccountId) -> String {
    format!(
        "{}/providers/Microsoft.NetApp/netAppAccounts/{}",
        resource_group(&id.resource_group_id()),
        e(&id.account)
    )
}

/// A capacity pool.
#[must_use]
pub fn pool(id: &PoolId) -> String {
    format!("{}/capacityPools/{}", account(&id.account_id()), e(&id.pool))
}

/// A volume.
#[must_use]
pub fn volume(id: &VolumeId) -> String {
    format!("{}/volumes/{}", pool(&id.pool_id()), e(&id.volume))
}

/// A virtual network.
#[must_use]
pub fn vnet(id: &VirtualNetworkId) -> String {
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{}",
        e(&id.subscription),
        e(&id.resource_group),
        e(&id.vnet)
    )
}

/// A subnet.
#[must_use]
pub fn subnet(id: &SubnetId) -> String {
    format!("{}/subnets/{}", vnet(&id.vnet_id()), e(&id.subnet))
}
