//! The `ANFMigrationAssistant` preview feature and the Microsoft.NetApp provider registration.

use crate::arm::client::versions;
use crate::arm::{paths, Client, ClientError};
use crate::ids::SubscriptionId;
use crate::models::{FeatureResult, ProviderInfo};
use crate::transport::{ArmRequest, Method, Transport};

/// The feature that unlocks the migration assistant.
pub const MIGRATION_FEATURE: &str = "ANFMigrationAssistant";

impl<T: Transport> Client<T> {
    fn feature_path(subscription: &SubscriptionId) -> String {
        format!(
            "{}/providers/Microsoft.Features/providers/Microsoft.NetApp/features/{MIGRATION_FEATURE}",
            paths::subscription(subscription)
        )
    }

    /// `Features_Get` of `Microsoft.NetApp/ANFMigrationAssistant`.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable body.
    pub async fn get_migration_feature(
        &self,
        subscription: &SubscriptionId,
    ) -> Result<FeatureResult, ClientError> {
        let url = self.url(&Self::feature_path(subscription), versions::FEATURES, &[]);
        self.get_json(url, "feature registration").await
    }

    /// `Features_Register` of `Microsoft.NetApp/ANFMigrationAssistant`; the answer is normally
    /// `Registering` (it can take up to an hour), so poll [`Client::get_migration_feature`].
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable body.
    pub async fn register_migration_feature(
        &self,
        subscription: &SubscriptionId,
    ) -> Result<FeatureResult, ClientError> {
        let path = format!("{}/register", Self::feature_path(subscription));
        let url = self.url(&path, versions::FEATURES, &[]);
        let response = self.send_checked(ArmRequest::new(Method::Post, url)).await?;
        crate::arm::client::decode(&response, "feature registration")
    }

    /// `Providers_Get` of Microsoft.NetApp: is the resource provider registered?
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable body.
    pub async fn get_netapp_provider(
        &self,
        subscription: &SubscriptionId,
    ) -> Result<ProviderInfo, ClientError> {
        let path = format!("{}/providers/Microsoft.NetApp", paths::subscription(subscription));
        self.get_json(self.url(&path, versions::RESOURCES, &[]), "resource provider").await
    }

    /// `Providers_Register` of Microsoft.NetApp.
    ///
    /// # Errors
    /// [`ClientError`] on an ARM error, no answer, or an unreadable body.
    pub async fn register_netapp_provider(
        &self,
        subscription: &SubscriptionId,
    ) -> Result<ProviderInfo, ClientError> {
        let path =
            format!("{}/providers/Microsoft.NetApp/register", paths::subscription(subscription));
        let url = self.url(&path, versions::RESOURCES, &[]);
        let response = self.send_checked(ArmRequest::new(Method::Post, url)).await?;
        crate::arm::client::decode(&response, "resource provider")
    }
}
