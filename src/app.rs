//! The root component: loads the runtime settings, then routes inside the shell.

use crate::components::shell::Shell;
use crate::pages::{
    activity_page::ActivityPage, migrations_page::MigrationsPage,
    new_migration_page::NewMigrationPage, not_found_page::NotFoundPage,
    preflight_page::PreflightPage, settings_error_page::SettingsErrorPage,
};
use crate::settings_loader::load_settings;
use anf_core::settings::Settings;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

/// The whole app. Settings come first: nothing may call anywhere before the mode is known.
#[component]
pub fn App() -> impl IntoView {
    crate::theme::apply(crate::theme::stored_theme());
    let settings = LocalResource::new(load_settings);
    view! {
        <Suspense fallback=|| view! { <p class="boot" role="status">"Loading settings…"</p> }>
            {move || {
                settings
                    .get()
                    .map(|loaded| match loaded {
                        Ok(settings) => view! { <AppWithSettings settings /> }.into_any(),
                        Err(error) => view! { <SettingsErrorPage error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// The routed app once settings are known; tests mount it with settings of their own.
#[component]
pub fn AppWithSettings(settings: Settings) -> impl IntoView {
    provide_context(settings);
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/migrations" /> } />
                    <Route path=path!("/migrations") view=MigrationsPage />
                    <Route path=path!("/migrations/new") view=NewMigrationPage />
                    <Route path=path!("/preflight") view=PreflightPage />
                    <Route path=path!("/activity") view=ActivityPage />
                </Routes>
            </Shell>
        </Router>
    }
}
