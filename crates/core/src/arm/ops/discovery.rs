//! Finding where to migrate to: tenants, subscriptions, resource groups, accounts, pools,
//! volumes. Every list follows `nextLink`.

use crate::arm::client::versions;
use crate::arm::{paths, Client, ClientError};
use crate::ids::{AccountId, PoolId, ResourceGroupId, SubscriptionId};
use crate::models::{CapacityPool, NetAppAccount, ResourceGroup, Subscription, Tenant, Volume};
use crate::transport::{ArmRequest, Method, Transport};

impl<T: Transport> Client<T> {
    /// `GET /tenants`: the directories the user can reach.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_tenants(&self) -> Result<Vec<Tenant>, ClientError> {
        let url = self.url("/tenants", versions::SUBSCRIPTIONS, &[]);
        self.list_all(ArmRequest::new(Method::Get, url), "tenants").await
    }

    /// `GET /subscriptions`.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_subscriptions(&self) -> Result<Vec<Subscription>, ClientError> {
        let url = self.url("/subscriptions", versions::SUBSCRIPTIONS, &[]);
        self.list_all(ArmRequest::new(Method::Get, url), "subscriptions").await
    }

    /// `GET /subscriptions/{s}/resourcegroups`.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_resource_groups(
        &self,
        subscription: &SubscriptionId,
    ) -> Result<Vec<ResourceGroup>, ClientError> {
        let path = format!("{}/resourcegroups", paths::subscription(subscription));
        let url = self.url(&path, versions::RESOURCES, &[]);
        self.list_all(ArmRequest::new(Method::Get, url), "resource groups").await
    }

    /// `Accounts_ListBySubscription`: every NetApp account of a subscription.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_accounts_by_subscription(
        &self,
        subscription: &SubscriptionId,
    ) -> Result<Vec<NetAppAccount>, ClientError> {
        let path = format!(
            "{}/providers/Microsoft.NetApp/netAppAccounts",
            paths::subscription(subscription)
        );
        self.list_all(ArmRequest::new(Method::Get, self.netapp_url(&path)), "NetApp accounts").await
    }

    /// `Accounts_List`: the NetApp accounts of a resource group.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_accounts(
        &self,
        group: &ResourceGroupId,
    ) -> Result<Vec<NetAppAccount>, ClientError> {
        let path =
            format!("{}/providers/Microsoft.NetApp/netAppAccounts", paths::resource_group(group));
        self.list_all(ArmRequest::new(Method::Get, self.netapp_url(&path)), "NetApp accounts").await
    }

    /// `Pools_List`: the capacity pools of an account.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_pools(&self, account: &AccountId) -> Result<Vec<CapacityPool>, ClientError> {
        let path = format!("{}/capacityPools", paths::account(account));
        self.list_all(ArmRequest::new(Method::Get, self.netapp_url(&path)), "capacity pools").await
    }

    /// `Volumes_List`: the volumes of a pool.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable page.
    pub async fn list_volumes(&self, pool: &PoolId) -> Result<Vec<Volume>, ClientError> {
        let path = format!("{}/volumes", paths::pool(pool));
        self.list_all(ArmRequest::new(Method::Get, self.netapp_url(&path)), "volumes").await
    }
}
