//! The root component: loads the runtime settings, sets up the way to ARM for the mode, then
//! routes inside the shell.

use crate::arm::activity::ActivityLog;
use crate::arm::context::{provide_arm, ArmContext};
use crate::arm::fetch_transport::FetchTransport;
use crate::arm::sim_transport::{DemoWorld, SimTransport};
use crate::arm::AppTransport;
use crate::components::shell::Shell;
use crate::lazy::lazy_page;
use crate::pages::{
    activity_page::ActivityPage, demo_page::DemoPage, migration_details_page::MigrationDetailsPage,
    migrations_page::MigrationsPage, new_migration_page::NewMigrationPage,
    new_wave_page::NewWavePage, not_found_page::NotFoundPage, peering_page::PeeringPage,
    preflight_page::PreflightPage, scope_page::ScopePage, settings_error_page::SettingsErrorPage,
    wave_page::WavePage, wave_runbook_page::WaveRunbookPage, waves_page::WavesPage,
};
use crate::settings_loader::load_settings;
use crate::state::cut_overs::{provide_cut_overs_slot, use_cut_overs_slot};
use crate::state::operations::{provide_operations, Operations};
use crate::state::toasts::{provide_toasts, Toasts};
use crate::state::waves::{provide_waves_slot, use_waves_slot};
use crate::state::{scope::provide_scope, scope::Scope};
use anf_core::settings::{AuthSettings, Mode, Settings, SettingsError};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use std::rc::Rc;

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

/// The app once settings are known; tests mount it with settings of their own.
#[component]
pub fn AppWithSettings(settings: Settings) -> impl IntoView {
    provide_context(settings.clone());
    match settings.auth.clone().filter(|_| settings.mode == Mode::Azure) {
        Some(auth) => view! { <AzureApp settings auth /> }.into_any(),
        None => demo_app(settings),
    }
}

/// Demo mode, in its own chunk in the split build (src/lazy.rs): the simulator and what only
/// demo mode runs are reached from here alone, so an Azure-mode visit never downloads them.
#[cfg(anf_split)]
fn demo_app(settings: Settings) -> AnyView {
    use crate::lazy::{lazy_view, ChunkError};
    #[leptos::wasm_split::wasm_split(
        demo,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(load_demo)
    )]
    fn demo_app_view(settings: Settings) -> Result<AnyView, ChunkError> {
        Ok(view! { <DemoApp settings /> }.into_any())
    }
    fn preload() -> futures::future::LocalBoxFuture<'static, Result<(), ChunkError>> {
        Box::pin(async { load_demo().await.map_err(Into::into) })
    }
    lazy_view("Loading demo mode…", preload, move || {
        let settings = settings.clone();
        Box::pin(demo_app_view(settings))
    })
    .into_any()
}

/// Demo mode (no split: the browser tests, `trunk serve`).
#[cfg(not(anf_split))]
fn demo_app(settings: Settings) -> AnyView {
    view! { <DemoApp settings /> }.into_any()
}

/// Demo mode's services in context: the simulator world of this tab, toasts, ARM over the
/// simulator and the operations. Also what component tests and benchmarks mount pages in.
pub fn provide_demo_services(settings: &Settings) -> (DemoWorld, Operations) {
    // Demo mode has no users: its data is nobody's.
    crate::storage::set_owner(None);
    let world = DemoWorld::restore_or_new();
    let toasts = provide_toasts();
    let transport = AppTransport::Sim(Box::new(SimTransport::new(world.clone())));
    let arm = provide_arm(settings, transport, Some(world.clone()), ActivityLog::restore());
    (world, provide_work(arm, toasts))
}

/// The operations registry, and the guided cut-overs and waves on top of it, in context.
fn provide_work(arm: ArmContext, toasts: Toasts) -> Operations {
    let operations = provide_operations(arm, toasts);
    // Set up when first needed (src/state/cut_overs/slot.rs): their code is in the dialogs'
    // chunk.
    provide_cut_overs_slot(operations, arm, toasts);
    // Waves are kept per user: demo mode has one, Azure mode the signed-in account.
    let account = crate::auth::use_auth().and_then(|a| a.client().account());
    // Set up when first needed (src/state/waves/slot.rs): their code is in the waves' chunk.
    provide_waves_slot(operations, arm, toasts, arm.demo().is_some(), account);
    operations
}

/// Goes on with the operations, cut-overs and waves that were running when the page was left.
fn resume_work(operations: Operations) {
    operations.resume_all();
    use_cut_overs_slot().resume_all();
    use_waves_slot().resume_all();
}

/// Demo mode: the simulator in the page, already scoped to its account and pool.
#[component]
fn DemoApp(settings: Settings) -> impl IntoView {
    let (world, operations) = provide_demo_services(&settings);
    let scope = world.read(|sim| sim.default_scope());
    provide_scope(Some(Scope {
        subscription: Some(scope.subscription_id),
        resource_group: Some(scope.resource_group),
        account: Some(scope.account),
        pool: Some(scope.pool),
    }));
    resume_work(operations);
    view! { <Routed /> }
}

/// Azure mode: finish a sign-in coming back in the address bar, then call ARM with its tokens.
#[component]
fn AzureApp(settings: Settings, auth: AuthSettings) -> impl IntoView {
    let started = LocalResource::new(move || {
        let auth = auth.clone();
        async move { crate::auth::start(&auth).await.map(|(client, _)| Rc::new(client)) }
    });
    view! {
        <Suspense fallback=|| view! { <p class="boot" role="status">"Signing in…"</p> }>
            {move || {
                let settings = settings.clone();
                started
                    .get()
                    .map(move |result| match result {
                        Ok(client) => {
                            own_the_data(&client);
                            let auth = crate::auth::provide_auth(client.clone());
                            let toasts = provide_toasts();
                            let transport = AppTransport::Fetch(FetchTransport::new(client));
                            let arm =
                                provide_arm(&settings, transport, None, ActivityLog::restore());
                            provide_scope(None);
                            let operations = provide_work(arm, toasts);
                            resume_work(operations);
                            follow_sign_in(auth, operations);
                            view! { <Routed /> }.into_any()
                        }
                        Err(e) => {
                            let error = SettingsError {
                                field: "clientId / authority".into(),
                                expected: "settings the sign-in can work with".into(),
                                found: e.user_message(),
                            };
                            view! { <SettingsErrorPage error /> }.into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// Signed in again without a reload (a renewal went through after a sign-in was asked for):
/// what waited for the sign-in is polled at once.
fn follow_sign_in(auth: crate::auth::AuthContext, operations: Operations) {
    let cut_overs = use_cut_overs_slot();
    Effect::new(move |was_in: Option<bool>| {
        let signed_in = auth.status.with(|s| matches!(s, crate::auth::AuthStatus::SignedIn(_)));
        if was_in == Some(false) && signed_in {
            operations.retry_now();
            cut_overs.resume_all();
        }
        signed_in
    });
}

/// From here on every key the app reads or writes is the signed-in user's (tenant + object
/// id), and what anyone else left in this tab goes: nothing of one user's is shown to or acted
/// on for another. Before any state is restored.
fn own_the_data(client: &crate::auth::AuthClient) {
    let owner = client.account().map(|a| {
        let user = a.object_id.or(a.username).unwrap_or_else(|| "unknown".into());
        (a.tenant_id, user)
    });
    match &owner {
        Some((tenant, user)) => crate::storage::set_owner(Some((tenant, user))),
        None => crate::storage::set_owner(Some(("none", "signed-out"))),
    }
    crate::storage::forget_other_owners_session();
}

/// The routes inside the shell. The lazy pages come in three chunks, by what a user does next:
/// a migration's pages (new, peering, details), the waves' pages, and the setting up (scope,
/// pre-flight, activity). One chunk per page made the splitter cut the code they share into
/// a chunk per combination of pages using it: demo mode's start fetched 33 files, a round trip
/// each on a slow line.
#[component]
fn Routed() -> impl IntoView {
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/migrations" /> } />
                    <Route path=path!("/migrations") view=MigrationsPage />
                    <Route path=path!("/migrations/new") view=lazy_page!(migration_pages, NewMigrationPage) />
                    <Route path=path!("/migrations/:volume") view=lazy_page!(migration_pages, MigrationDetailsPage) />
                    <Route path=path!("/migrations/:volume/peering") view=lazy_page!(migration_pages, PeeringPage) />
                    <Route path=path!("/waves") view=lazy_page!(wave_pages, WavesPage) />
                    <Route path=path!("/waves/new") view=lazy_page!(wave_pages, NewWavePage) />
                    <Route path=path!("/waves/:name") view=lazy_page!(wave_pages, WavePage) />
                    <Route path=path!("/waves/:name/runbook") view=lazy_page!(wave_pages, WaveRunbookPage) />
                    <Route path=path!("/scope") view=lazy_page!(setup_pages, ScopePage) />
                    <Route path=path!("/preflight") view=lazy_page!(setup_pages, PreflightPage) />
                    <Route path=path!("/activity") view=lazy_page!(setup_pages, ActivityPage) />
                    <Route path=path!("/demo") view=lazy_page!(demo_page, DemoPage) />
                </Routes>
            </Shell>
        </Router>
    }
}
