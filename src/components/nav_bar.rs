//! The main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

stylance::import_crate_style!(style, "src/components/nav_bar.module.css");

/// Links to the four areas; the router marks the current one with `aria-current="page"`.
#[component]
pub fn NavBar() -> impl IntoView {
    view! {
        <nav class=style::nav aria-label="Main">
            <ul class=style::list>
                <li>
                    <A href="/migrations" exact=true attr:class=style::link>"Migrations"</A>
                </li>
                <li>
                    <A href="/migrations/new" attr:class=style::link>"New migration"</A>
                </li>
                <li>
                    <A href="/preflight" attr:class=style::link>"Pre-flight"</A>
                </li>
                <li>
                    <A href="/activity" attr:class=style::link>"Activity"</A>
                </li>
            </ul>
        </nav>
    }
}
