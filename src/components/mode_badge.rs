//! Always says where the app's calls go: the simulator, or Azure as which tenant.

use crate::auth::{use_auth, AuthStatus};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/mode_badge.module.css");

/// "Demo" on the simulator; "Azure" with the signed-in tenant otherwise.
#[component]
pub fn ModeBadge() -> impl IntoView {
    let Some(auth) = use_auth() else {
        return view! {
            <span class=format!("{} {}", style::badge, style::demo) data-mode="demo"
                title="Demo mode: everything runs on the built-in simulator; nothing is sent to Azure">
                <span class=style::label>"Demo"</span>
                <span class=style::detail>"simulator"</span>
            </span>
        }
        .into_any();
    };
    let detail = move || match auth.status.get() {
        AuthStatus::SignedIn(account) => format!("Tenant {}", account.tenant_id),
        AuthStatus::SignedOut => "not signed in".to_owned(),
        AuthStatus::SignInRequired { .. } => "sign-in needed".to_owned(),
        AuthStatus::Error { .. } => "sign-in failed".to_owned(),
    };
    let title = move || match auth.status.get() {
        AuthStatus::SignedIn(account) => format!(
            "Calls go to Azure Resource Manager with your sign-in, in tenant {}",
            account.tenant_id
        ),
        _ => "Calls go to Azure Resource Manager with your sign-in".to_owned(),
    };
    view! {
        <span class=format!("{} {}", style::badge, style::azure) data-mode="azure" title=title>
            <span class=style::label>"Azure"</span>
            <span class=style::detail data-tenant>{detail}</span>
        </span>
    }
    .into_any()
}
