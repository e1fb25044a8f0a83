//! What a wave is checked against, read from ARM: the NetApp account's pools (with the names
//! and quotas of their volumes, for "free in the pool" and the pool's free size) and the
//! subscription's delegated subnets (with their free addresses).

use super::PlanHandle;
use crate::arm::context::{use_arm, AppClient};
use crate::components::new_migration::subnet_options::{load_subnet_options, SubnetOption};
use crate::state::scope::use_scope;
use anf_core::ids::AccountId;
use anf_core::models::CapacityPool;
use anf_core::wave::{PoolInfo, WaveContext};
use leptos::prelude::*;

/// One pool of the account, as the checks and the estimates need it.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolFacts {
    /// ARM's pool.
    pub pool: CapacityPool,
    /// What the checks take.
    pub info: PoolInfo,
}

/// The wave's surroundings, as read.
#[derive(Clone, Copy)]
pub struct WaveData {
    /// The NetApp account the wave's volumes go to.
    pub account: Memo<Option<AccountId>>,
    /// The account's pools.
    pub pools: Memo<Option<Result<Vec<PoolFacts>, String>>>,
    /// The subscription's delegated subnets.
    pub subnets: Memo<Option<Result<Vec<SubnetOption>, String>>>,
    /// The context of the checks.
    pub ctx: Memo<WaveContext>,
}

impl WaveData {
    /// The pools read so far (none while reading or after an error).
    #[must_use]
    pub fn pool_list(&self) -> Vec<PoolFacts> {
        self.pools.with(|p| p.clone().and_then(Result::ok).unwrap_or_default())
    }

    /// What is still being read or could not be, in a sentence; `None` once everything is in.
    #[must_use]
    pub fn status(&self) -> Option<String> {
        if self.account.with(Option::is_none) {
            return Some(
                "Choose the NetApp account on Scope first: the wave's pools are read from it."
                    .into(),
            );
        }
        match (self.pools.get(), self.subnets.get()) {
            (Some(Err(e)), _) => Some(format!("The capacity pools could not be read: {e}")),
            (_, Some(Err(e))) => Some(format!("The virtual networks could not be read: {e}")),
            (None, _) | (_, None) => {
                Some("Reading the account's pools and the delegated subnets…".into())
            }
            _ => None,
        }
    }
}

async fn read_pools(client: &AppClient, account: AccountId) -> Result<Vec<PoolFacts>, String> {
    let pools = client.list_pools(&account).await.map_err(|e| e.user_message())?;
    let mut out = Vec::new();
    for pool in pools {
        let id = account.pool(pool.short_name().to_owned());
        let volumes = client.list_volumes(&id).await.map_err(|e| e.user_message())?;
        let used = volumes.iter().map(|v| v.properties.usage_threshold).sum();
        let names = volumes.iter().filter_map(|v| v.short_name().map(str::to_owned)).collect();
        let info = PoolInfo::from_pool(&pool, used, names);
        out.push(PoolFacts { pool, info });
    }
    Ok(out)
}

/// Reads the wave's surroundings; the account is the wave's own once set, else the scope's.
pub fn use_wave_data(handle: PlanHandle) -> WaveData {
    let arm = use_arm();
    let scope = use_scope();
    let account = Memo::new(move |_| {
        let own = handle.wave.with(|w| w.as_ref().map(|w| w.settings.account.clone()));
        own.filter(|a| !a.is_empty())
            .and_then(|a| AccountId::parse(&a).ok())
            .or_else(|| scope.with(|s| s.account_id()))
    });
    let pools_res = LocalResource::new(move || {
        let account = account.get();
        let client = arm.client();
        async move {
            match account {
                Some(a) => Some(read_pools(&client, a).await),
                None => None,
            }
        }
    });
    let subnets_res = LocalResource::new(move || {
        let subscription = account.get().map(|a| a.resource_group_id().subscription_id());
        let client = arm.client();
        async move {
            let subscription = subscription?;
            Some(load_subnet_options(&client, &subscription).await.map_err(|e| e.user_message()))
        }
    });
    let pools = Memo::new(move |_| pools_res.get().flatten());
    let subnets = Memo::new(move |_| subnets_res.get().flatten());
    let api_version = arm.client().api_version();
    let ctx = Memo::new(move |_| {
        let subnet_id = handle
            .wave
            .with(|w| w.as_ref().map(|w| w.plan.defaults.subnet_id.clone()).unwrap_or_default());
        let list: Vec<PoolFacts> =
            pools.with(|p| p.clone().and_then(Result::ok).unwrap_or_default());
        let chosen = subnets.with(|s| {
            s.as_ref().and_then(|s| s.as_ref().ok()).and_then(|l| {
                l.iter().find(|o| o.subnet.id.eq_ignore_ascii_case(&subnet_id)).cloned()
            })
        });
        WaveContext {
            api_version,
            location: list.first().map(|p| p.pool.location.clone()).unwrap_or_default(),
            pools: list.into_iter().map(|p| p.info).collect(),
            subnet_free_ips: chosen.as_ref().and_then(|o| o.usage.as_ref().map(|u| u.free)),
            subnet: chosen.map(|o| o.subnet),
            clusters_peered_elsewhere: Vec::new(),
        }
    });
    WaveData { account, pools, subnets, ctx }
}
