//! The ARM client in context, for every page.

use super::activity::{ActivityLog, LoggingTransport};
use super::browser_env::BrowserEnv;
use super::link_state::{LinkState, LinkWatch};
use super::sim_transport::DemoWorld;
use super::throttle_gate::ThrottleGate;
use super::AppTransport;
use anf_core::arm::{Client, ClientSettings, RetryTransport};
use anf_core::settings::Settings;
use leptos::prelude::*;
use std::rc::Rc;

/// The client every page uses: retry (with backoff and `Retry-After`) over a gate that holds
/// every call while ARM is throttling, over the watch of the line to Azure, over the activity
/// log, over the simulator or `fetch`.
pub type AppClient =
    Client<RetryTransport<ThrottleGate<LinkWatch<LoggingTransport<AppTransport>>>, BrowserEnv>>;

/// What pages need to reach ARM.
#[derive(Clone, Copy)]
pub struct ArmContext {
    client: StoredValue<Rc<AppClient>, LocalStorage>,
    demo: StoredValue<Option<DemoWorld>, LocalStorage>,
    /// Every call made this session.
    pub activity: ActivityLog,
    /// Whether Azure answers, and any throttling hold.
    pub link: StoredValue<LinkState>,
}

impl ArmContext {
    /// The shared client.
    #[must_use]
    pub fn client(&self) -> Rc<AppClient> {
        self.client.get_value()
    }

    /// The simulator, in demo mode.
    #[must_use]
    pub fn demo(&self) -> Option<DemoWorld> {
        self.demo.get_value()
    }
}

/// Builds the client for `settings` over `transport` and puts it in context.
pub fn provide_arm(
    settings: &Settings,
    transport: AppTransport,
    demo: Option<DemoWorld>,
    activity: ActivityLog,
) -> ArmContext {
    let client_settings =
        ClientSettings::from_config(&settings.arm_endpoint, &settings.api_version)
            .unwrap_or_default();
    let link = LinkState::default();
    let gated =
        ThrottleGate::new(LinkWatch::new(LoggingTransport::new(transport, activity), link.clone()));
    let client = Client::with_settings(RetryTransport::new(gated, BrowserEnv), client_settings);
    let ctx = ArmContext {
        client: StoredValue::new_local(Rc::new(client)),
        demo: StoredValue::new_local(demo),
        activity,
        link: StoredValue::new(link),
    };
    provide_context(ctx);
    ctx
}

/// The ARM context.
///
/// # Panics
/// Outside the app (a missing provider is a programming error).
#[must_use]
pub fn use_arm() -> ArmContext {
    expect_context::<ArmContext>()
}
