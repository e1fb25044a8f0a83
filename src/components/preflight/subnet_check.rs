//! The delegated subnet: delegated to Microsoft.NetApp/volumes, with at least 7 free addresses,
//! read from the virtual networks' usages in the account's region.

use super::check_item::{tone_of, CheckItem};
use crate::arm::context::{use_arm, AppClient};
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::status_pill::StatusPill;
use crate::state::operations::arm_error_of;
use anf_core::arm::ClientError;
use anf_core::ids::{PoolId, VirtualNetworkId};
use anf_core::models::{Subnet, VirtualNetwork};
use anf_core::preflight::subnets::{evaluate, SubnetSummary, VnetFacts};
use anf_core::preflight::Verdict;
use leptos::prelude::*;
use std::rc::Rc;

stylance::import_crate_style!(style, "src/components/preflight/subnet_check.module.css");

/// What was read, and where.
#[derive(Clone, Debug)]
struct SubnetFindings {
    summary: SubnetSummary,
    region: Option<String>,
    looked_in: &'static str,
}

fn same_region(a: &str, b: &str) -> bool {
    let norm =
        |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    norm(a) == norm(b)
}

fn id_error(e: &anf_core::ids::IdError) -> ClientError {
    ClientError::Decode { context: "virtual network".into(), message: e.to_string() }
}

async fn read(client: Rc<AppClient>, pool: PoolId) -> Result<SubnetFindings, ClientError> {
    // The pool's region: a volume can only use a subnet of a network in the same region.
    let region = client
        .list_pools(&pool.account_id())
        .await?
        .into_iter()
        .find(|p| p.short_name().eq_ignore_ascii_case(&pool.pool))
        .map(|p| p.location)
        .filter(|l| !l.is_empty());
    let group = pool.resource_group_id();
    // The whole subscription first (networks often live in a resource group of their own);
    // someone with access to the resource group only still gets its networks.
    let (vnets, looked_in) = match client.list_virtual_networks(&group.subscription_id()).await {
        Ok(v) => (v, "the subscription"),
        Err(ClientError::Arm(e)) if e.status == 403 => {
            (client.list_virtual_networks_in_group(&group).await?, "the resource group")
        }
        Err(e) => return Err(e),
    };
    let in_region =
        |v: &VirtualNetwork| region.as_deref().is_none_or(|r| same_region(&v.location, r));
    let mut facts = Vec::new();
    for vnet in vnets.into_iter().filter(in_region) {
        let id = VirtualNetworkId::parse(&vnet.id).map_err(|e| id_error(&e))?;
        let subnets = match vnet.properties.subnets.clone() {
            Some(s) => s,
            None => client.list_subnets(&id).await?,
        };
        // Usages cost a call per network: only where a subnet is delegated.
        let usages = if subnets.iter().any(Subnet::is_delegated_to_netapp) {
            client.list_virtual_network_usages(&id).await?
        } else {
            Vec::new()
        };
        facts.push(VnetFacts { vnet, subnets, usages });
    }
    Ok(SubnetFindings { summary: evaluate(&facts), region, looked_in })
}

/// The subnet check for the pool's subscription.
#[component]
pub fn SubnetCheck(
    /// The chosen pool.
    pool: PoolId,
) -> impl IntoView {
    let arm = use_arm();
    let again = RwSignal::new(0u32);
    let pool = StoredValue::new(pool);
    let findings = LocalResource::new(move || {
        again.track();
        read(arm.client(), pool.get_value())
    });
    let verdict = Signal::derive(move || {
        findings.get().map(|r| r.map_or(Verdict::Unknown, |f| f.summary.verdict))
    });
    view! {
        <CheckItem
            id="subnet"
            title="Delegated subnet with at least 7 free IP addresses"
            verdict
            why="Cluster peering takes 6 addresses in the subnet delegated to Microsoft.NetApp/volumes and data access 1 more; with fewer free, the migration volume can't be created or peered."
        >
            {move || match findings.get() {
                None => view! { <p role="status">"Reading virtual networks, subnets and their usage…"</p> }.into_any(),
                Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                Some(Ok(f)) => {
                    let where_ = format!(
                        "Looked at {} virtual network{} in {}{}; {} other subnet{} not delegated to Azure NetApp Files.",
                        f.summary.vnets,
                        if f.summary.vnets == 1 { "" } else { "s" },
                        f.looked_in,
                        f.region.map(|r| format!(" in region {r}")).unwrap_or_default(),
                        f.summary.other_subnets,
                        if f.summary.other_subnets == 1 { " is" } else { "s are" },
                    );
                    view! {
                        <p>{f.summary.message.clone()}</p>
                        {(!f.summary.delegated.is_empty()).then(|| view! {
                            <ul class=style::subnets aria-label="Delegated subnets">
                                {f.summary.delegated.iter().map(|s| {
                                    let verdict = s.verdict;
                                    let free = s.free.map_or_else(|| "free addresses unknown".to_owned(), |n| format!("{n} free"));
                                    view! {
                                        <li class=style::subnet data-subnet=s.subnet_id.clone()>
                                            <StatusPill tone=tone_of(Some(verdict)) text=verdict.label().to_owned() />
                                            <span class="mono">{s.label.clone()}</span>
                                            <span class="muted">{s.prefixes.join(", ")}</span>
                                            <span>{free}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                        <p class="muted">{where_}</p>
                    }.into_any()
                }
            }}
            <div class="toolbar">
                <button type="button" class="btn" on:click=move |_| again.update(|n| *n += 1)>"Check again"</button>
            </div>
        </CheckItem>
    }
}
