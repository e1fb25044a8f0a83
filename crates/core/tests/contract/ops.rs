//! The operations under contract: for each operationId, the method, path template and whether a
//! body is declared, as the spec (and Microsoft.Resources / .Features / .Network) define them;
//! and how to call the client for it.

use anf_core::api_version::ApiVersion;
use anf_core::arm::versions as v;
use anf_core::transport::Method;

/// Which api-version family a path uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    NetApp,
    Subscriptions,
    Resources,
    Features,
    Network,
}

impl Family {
    pub fn version(self, netapp: ApiVersion) -> &'static str {
        match self {
            Family::NetApp => netapp.as_str(),
            Family::Subscriptions => v::SUBSCRIPTIONS,
            Family::Resources => v::RESOURCES,
            Family::Features => v::FEATURES,
            Family::Network => v::NETWORK,
        }
    }
}

/// One operation's request contract.
pub struct OpSpec {
    pub id: &'static str,
    pub method: Method,
    pub path: &'static str,
    pub has_body: bool,
    pub family: Family,
}

const V: &str = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.NetApp/netAppAccounts/{accountName}/capacityPools/{poolName}/volumes/{volumeName}";

macro_rules! op {
    ($id:literal, $m:ident, $path:expr, $body:literal, $fam:ident) => {
        OpSpec { id: $id, method: Method::$m, path: $path, has_body: $body, family: Family::$fam }
    };
}

/// Every operation the client implements.
pub fn all() -> Vec<OpSpec> {
    let vp = |s: &str| -> &'static str { Box::leak(format!("{V}{s}").into_boxed_str()) };
    vec![
        op!("Tenants_List", Get, "/tenants", false, Subscriptions),
        op!("Subscriptions_List", Get, "/subscriptions", false, Subscriptions),
        op!("ResourceGroups_List", Get, "/subscriptions/{subscriptionId}/resourcegroups", false, Resources),
        op!("Accounts_ListBySubscription", Get, "/subscriptions/{subscriptionId}/providers/Microsoft.NetApp/netAppAccounts", false, NetApp),
        op!("Accounts_List", Get, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.NetApp/netAppAccounts", false, NetApp),
        op!("Pools_List", Get, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.NetApp/netAppAccounts/{accountName}/capacityPools", false, NetApp),
        op!("Volumes_List", Get, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.NetApp/netAppAccounts/{accountName}/capacityPools/{poolName}/volumes", false, NetApp),
        op!("Volumes_Get", Get, V, false, NetApp),
        op!("Volumes_CreateOrUpdate", Put, V, true, NetApp),
        op!("Volumes_Delete", Delete, V, false, NetApp),
        op!("Volumes_Update", Patch, V, true, NetApp),
        op!("Volumes_PeerExternalCluster", Post, vp("/peerExternalCluster"), true, NetApp),
        op!("Volumes_AuthorizeExternalReplication", Post, vp("/authorizeExternalReplication"), false, NetApp),
        op!("Volumes_PerformReplicationTransfer", Post, vp("/performReplicationTransfer"), false, NetApp),
        op!("Volumes_BreakReplication", Post, vp("/breakReplication"), true, NetApp),
        op!("Volumes_ResyncReplication", Post, vp("/resyncReplication"), false, NetApp),
        op!("Volumes_FinalizeExternalReplication", Post, vp("/finalizeExternalReplication"), false, NetApp),
        op!("Volumes_ReestablishReplication", Post, vp("/reestablishReplication"), true, NetApp),
        op!("Volumes_DeleteReplication", Post, vp("/deleteReplication"), false, NetApp),
        op!("Volumes_ReplicationStatus", Get, vp("/replicationStatus"), false, NetApp),
        op!("Volumes_ListReplications", Post, vp("/listReplications"), true, NetApp),
        op!("Features_Get", Get, "/subscriptions/{subscriptionId}/providers/Microsoft.Features/providers/Microsoft.NetApp/features/ANFMigrationAssistant", false, Features),
        op!("Features_Register", Post, "/subscriptions/{subscriptionId}/providers/Microsoft.Features/providers/Microsoft.NetApp/features/ANFMigrationAssistant/register", false, Features),
        op!("Providers_Get", Get, "/subscriptions/{subscriptionId}/providers/Microsoft.NetApp", false, Resources),
        op!("Providers_Register", Post, "/subscriptions/{subscriptionId}/providers/Microsoft.NetApp/register", false, Resources),
        op!("VirtualNetworks_ListAll", Get, "/subscriptions/{subscriptionId}/providers/Microsoft.Network/virtualNetworks", false, Network),
        op!("VirtualNetworks_List", Get, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks", false, Network),
        op!("Subnets_List", Get, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets", false, Network),
        op!("Subnets_Get", Get, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}", false, Network),
        op!("VirtualNetworks_ListUsage", Get, "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/usages", false, Network),
    ]
}

/// The spec of `id`.
pub fn find(id: &str) -> Option<OpSpec> {
    all().into_iter().find(|o| o.id == id)
}
