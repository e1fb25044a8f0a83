//! The main navigation.

use crate::arm::context::use_arm;
use leptos::prelude::*;
use leptos_router::components::A;

stylance::import_crate_style!(style, "src/components/nav_bar.module.css");

/// Links to the areas; the router marks the current one with `aria-current="page"`. The
/// demo and training page is there only in demo mode.
#[component]
pub fn NavBar() -> impl IntoView {
    let demo = use_arm().demo().is_some();
    view! {
        <nav class=style::nav aria-label="Main">
            <ul class=style::list>
                <li>
                    <A href="/migrations" exact=true attr:class=style::link>"Migration assistant"</A>
                </li>
                <li>
                    <A href="/migrations/new" attr:class=style::link>"New migration"</A>
                </li>
                <li>
                    <A href="/waves" attr:class=style::link>"Waves"</A>
                </li>
                <li>
                    <A href="/preflight" attr:class=style::link>"Pre-flight"</A>
                </li>
                <li>
                    <A href="/activity" attr:class=style::link>"Activity"</A>
                </li>
                <li>
                    <A href="/scope" attr:class=style::link>"Scope"</A>
                </li>
                {demo.then(|| view! {
                    <li>
                        <A href="/demo" attr:class=style::link>"Demo and training"</A>
                    </li>
                })}
            </ul>
        </nav>
    }
}
