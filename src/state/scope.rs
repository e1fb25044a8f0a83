//! The scope the user works in: subscription, resource group, NetApp account, capacity pool.
//!
//! Remembered between visits (it is no secret), and shared by every page.

use crate::storage::{self, Area};
use anf_core::ids::{AccountId, PoolId, ResourceGroupId, SubscriptionId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "anf-migrate.scope";

/// What the user has chosen so far; each level needs the one above it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// Subscription GUID.
    pub subscription: Option<String>,
    /// Resource group name.
    pub resource_group: Option<String>,
    /// NetApp account name.
    pub account: Option<String>,
    /// Capacity pool name.
    pub pool: Option<String>,
}

impl Scope {
    /// The chosen subscription.
    #[must_use]
    pub fn subscription_id(&self) -> Option<SubscriptionId> {
        self.subscription.as_ref().map(SubscriptionId::new)
    }

    /// The chosen resource group.
    #[must_use]
    pub fn resource_group_id(&self) -> Option<ResourceGroupId> {
        Some(self.subscription_id()?.resource_group(self.resource_group.clone()?))
    }

    /// The chosen account.
    #[must_use]
    pub fn account_id(&self) -> Option<AccountId> {
        Some(self.resource_group_id()?.account(self.account.clone()?))
    }

    /// The chosen pool: the scope is complete.
    #[must_use]
    pub fn pool_id(&self) -> Option<PoolId> {
        Some(self.account_id()?.pool(self.pool.clone()?))
    }
}

/// The scope in context.
#[derive(Clone, Copy)]
pub struct ScopeState(pub RwSignal<Scope>);

/// Restores the remembered scope (or `initial` when there is none) and keeps it remembered.
pub fn provide_scope(initial: Option<Scope>) -> ScopeState {
    let stored = storage::load::<Scope>(Area::Local, STORAGE_KEY);
    let scope = RwSignal::new(stored.or(initial).unwrap_or_default());
    Effect::new(move |_| scope.with(|s| storage::save(Area::Local, STORAGE_KEY, s)));
    let state = ScopeState(scope);
    provide_context(state);
    state
}

/// The scope.
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_scope() -> RwSignal<Scope> {
    expect_context::<ScopeState>().0
}
