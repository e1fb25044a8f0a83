//! What the page says about its line to Azure: answering, reconnecting after network errors,
//! or holding every call because Azure throttled one.
//!
//! Operations keep running in Azure while the browser can't reach it (a laptop waking up, a VPN
//! dropping): the pollers retry with growing pauses, and the page must say that it is waiting
//! and will go on by itself, not look frozen or report the work failed.

use super::browser_env::now;
use anf_core::arm::retry_after::read_retry_after;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Transport, TransportError};
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    /// The page is being left (`pagehide`, until a `pageshow`): a call that fails now was cut
    /// off by the browser leaving the page, not by the network, and the dying page must not
    /// flash "Reconnecting" (nor its notices record it).
    static LEAVING: Cell<bool> = const { Cell::new(false) };
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Follows `pagehide` and `pageshow`, once per page.
fn watch_leaving() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    if WATCHING.with(|w| w.replace(true)) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    for (event, leaving) in [("pagehide", true), ("pageshow", false)] {
        let listener = Closure::<dyn Fn()>::new(move || LEAVING.with(|l| l.set(leaving)));
        let _ = w.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        // Lives as long as the page.
        listener.forget();
    }
}

/// The line to Azure, as the last calls found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// The last call was answered.
    Up,
    /// Calls have failed on the network since `since`; the last error in words.
    Reconnecting {
        /// The first failure in this run.
        since: Timestamp,
        /// What the last one said.
        error: String,
    },
}

/// Azure throttled a call: every call waits until `until`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hold {
    /// When calls go out again (wall clock, for the page).
    pub until: Timestamp,
    /// Azure asked for longer than the console waits: the note saying so.
    pub cap_note: Option<String>,
}

/// The page's view of the line, shared by every call.
#[derive(Clone, Debug)]
pub struct LinkState {
    /// Up or reconnecting.
    pub link: ArcRwSignal<Link>,
    /// A throttling hold in force, if any.
    pub hold: ArcRwSignal<Option<Hold>>,
}

impl Default for LinkState {
    fn default() -> Self {
        Self { link: ArcRwSignal::new(Link::Up), hold: ArcRwSignal::new(None) }
    }
}

/// Watches every call's outcome for [`LinkState`].
pub struct LinkWatch<T> {
    inner: T,
    state: LinkState,
}

impl<T> LinkWatch<T> {
    /// Wraps `inner`, reporting to `state`.
    pub fn new(inner: T, state: LinkState) -> Self {
        watch_leaving();
        Self { inner, state }
    }
}

impl<T: Transport> Transport for LinkWatch<T> {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        let result = self.inner.send(request).await;
        match &result {
            Ok(response) => {
                if self.state.link.with_untracked(|l| *l != Link::Up) {
                    self.state.link.set(Link::Up);
                }
                if response.status == 429 {
                    let t = now();
                    let asked = read_retry_after(response, t);
                    let hold = Hold {
                        until: t.plus(asked.map_or(std::time::Duration::from_secs(2), |r| r.wait)),
                        cap_note: asked.and_then(|r| r.cap_note()),
                    };
                    self.state.hold.set(Some(hold));
                }
            }
            Err(TransportError::Network(_)) if LEAVING.with(Cell::get) => {}
            Err(TransportError::Network(e)) => {
                let since = match self.state.link.get_untracked() {
                    Link::Reconnecting { since, .. } => since,
                    Link::Up => now(),
                };
                self.state.link.set(Link::Reconnecting { since, error: e.clone() });
            }
            Err(TransportError::Unauthenticated(_)) => {}
        }
        result
    }
}
