//! Tenants, subscriptions and resource groups (Microsoft.Resources).

use super::{ProvisioningState, SubscriptionState};
use serde::{Deserialize, Serialize};

/// A directory the signed-in user can reach (`GET /tenants`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    /// `/tenants/{tenantId}`.
    #[serde(default)]
    pub id: String,
    /// The tenant's GUID.
    #[serde(default)]
    pub tenant_id: String,
    /// Display name, when the API version returns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Default domain, e.g. `contoso.onmicrosoft.com`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_domain: Option<String>,
}

impl Tenant {
    /// Display name, else default domain, else the id.
    #[must_use]
    pub fn label(&self) -> &str {
        self.display_name.as_deref().or(self.default_domain.as_deref()).unwrap_or(&self.tenant_id)
    }
}

/// A subscription (`GET /subscriptions`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    /// `/subscriptions/{subscriptionId}`.
    #[serde(default)]
    pub id: String,
    /// The subscription's GUID.
    #[serde(default)]
    pub subscription_id: String,
    /// The tenant it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: String,
    /// Enabled, Disabled, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<SubscriptionState>,
}

/// A resource group (`GET /subscriptions/{s}/resourcegroups`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceGroup {
    /// Full ARM id.
    #[serde(default)]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Region.
    #[serde(default)]
    pub location: String,
    /// Provisioning state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<ResourceGroupProperties>,
}

/// Properties of a resource group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceGroupProperties {
    /// Provisioning state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_state: Option<ProvisioningState>,
}
