//! Always says where the app's calls go: the simulator, or Azure as which tenant.

use anf_core::settings::{Mode, Settings};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/mode_badge.module.css");

/// "Demo" on the simulator; "Azure" with the tenant otherwise.
#[component]
pub fn ModeBadge() -> impl IntoView {
    let settings = expect_context::<Settings>();
    match (settings.mode, settings.auth) {
        (Mode::Azure, Some(auth)) => view! {
            <span class=format!("{} {}", style::badge, style::azure) data-mode="azure"
                title="Calls go to Azure Resource Manager with your sign-in">
                <span class=style::label>"Azure"</span>
                <span class=style::detail>"Tenant " {auth.tenant}</span>
            </span>
        }
        .into_any(),
        _ => view! {
            <span class=format!("{} {}", style::badge, style::demo) data-mode="demo"
                title="Demo mode: everything runs on the built-in simulator; nothing is sent to Azure">
                <span class=style::label>"Demo"</span>
                <span class=style::detail>"simulator"</span>
            </span>
        }
        .into_any(),
    }
}
