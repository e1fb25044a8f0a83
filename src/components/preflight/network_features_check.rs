//! Standard network features on the pool's volumes (and on every migration volume).

use super::check_item::CheckItem;
use crate::arm::context::use_arm;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::state::operations::arm_error_of;
use anf_core::ids::PoolId;
use anf_core::preflight::network_features::evaluate;
use anf_core::preflight::Verdict;
use leptos::prelude::*;

/// The network features check for `pool`.
#[component]
pub fn NetworkFeaturesCheck(
    /// The chosen pool.
    pool: PoolId,
) -> impl IntoView {
    let arm = use_arm();
    let pool = StoredValue::new(pool);
    let check = LocalResource::new(move || {
        let client = arm.client();
        let pool = pool.get_value();
        async move { client.list_volumes(&pool).await.map(|v| evaluate(&v)) }
    });
    let verdict =
        Signal::derive(move || check.get().map(|r| r.map_or(Verdict::Unknown, |c| c.verdict)));
    view! {
        <CheckItem
            id="network-features"
            title="Standard network features"
            verdict
            why="The migration assistant only works with volumes that use Standard network features; it is set on each volume, and this app sets it on every migration volume it creates."
        >
            {move || match check.get() {
                None => view! { <p role="status">"Reading the pool's volumes…"</p> }.into_any(),
                Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                Some(Ok(c)) => view! {
                    <p>{c.message.clone()}</p>
                    {(c.standard > 0).then(|| view! {
                        <p class="muted">{format!("{} volume{} in the pool use{} Standard.", c.standard, if c.standard == 1 { "" } else { "s" }, if c.standard == 1 { "s" } else { "" })}</p>
                    })}
                }.into_any(),
            }}
        </CheckItem>
    }
}
