//! The one polling loop of the app.
//!
//! ARM is shared and throttled, so every loop that reads it must stop while nobody looks, wait
//! as long as the read budget or a `Retry-After` says, and end with the view that started it.
//! Each loop used to do that its own way (sub-second sleeps checking a flag, a poke signal, an
//! epoch counter); here it is done once.

use super::use_page_visible::{page_hidden, use_page_visible};
use futures::channel::oneshot;
use futures::future::{select, Either, LocalBoxFuture};
use leptos::prelude::*;
use std::future::Future;
use std::time::Duration;

/// What one poll asks for: the wait before the next one, or `None` to wait until poked.
pub type NextPoll = Option<Duration>;

/// Calls `poll` again and again, each time after the wait it returned, while its owner lives.
///
/// ## Usage
///
/// ```ignore
/// let UsePolledReturn { poke, .. } = use_polled(move || async move {
///     let answer = client.get_volume(&id).await;
///     volume.set(Some(answer));
///     Some(Duration::from_secs(4)) // or what the read budget / Retry-After says
/// });
/// // An operation ended: read again now instead of at the next turn.
/// poke();
/// ```
///
/// - Nothing is polled while the tab is hidden (unless the options say otherwise); the first
///   poll after the tab shows again goes at once.
/// - One poll at a time: the next wait starts when the poll's future is done.
/// - `pause` stops it, `resume` goes on (at once), `poke` runs the next poll now. A poke during
///   a poll makes the next one go straight after it.
/// - The loop ends when the owner is disposed (the component unmounts, the app goes), and a
///   poll still running then is dropped, so its request is aborted.
pub fn use_polled<F, Fut>(poll: F) -> UsePolledReturn
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = NextPoll> + 'static,
{
    use_polled_with_options(poll, UsePolledOptions::default())
}

/// Version of [`use_polled`] that takes [`UsePolledOptions`].
pub fn use_polled_with_options<F, Fut>(poll: F, options: UsePolledOptions) -> UsePolledReturn
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = NextPoll> + 'static,
{
    polled(Box::new(move || Box::pin(poll())), options)
}

/// One poll, boxed.
type Poll = Box<dyn Fn() -> LocalBoxFuture<'static, NextPoll>>;

/// The loop itself, not generic: one copy in the wasm for every loop of the app, rather than
/// one per caller's closure type (the loop is an async state machine with its signals and
/// effects; a copy per caller was a few KB of the main chunk).
fn polled(poll: Poll, options: UsePolledOptions) -> UsePolledReturn {
    let UsePolledOptions { immediate, pause_while_hidden } = options;
    let is_active = RwSignal::new(true);
    // The waker of the sleeping loop. Disposing the owner drops it, which wakes the loop to
    // find itself gone: an indefinite wait never outlives its view.
    let waker = StoredValue::new_local(None::<oneshot::Sender<()>>);
    let poked = StoredValue::new(false);
    // Never sent: disposing the owner drops it, which ends a poll in flight (its request is
    // aborted with it, see `arm::abort`).
    let (alive_tx, mut alive_rx) = oneshot::channel::<()>();
    let _alive = StoredValue::new_local(alive_tx);
    let wake = move || {
        if let Some(tx) = waker.try_update_value(Option::take).flatten() {
            let _ = tx.send(());
        }
    };
    let visible = use_page_visible();
    // Shown again after being hidden: poll at once (not on the first run, when the loop has
    // just started its own first poll).
    Effect::new(move |was_visible: Option<bool>| {
        let now_visible = visible.get();
        if was_visible == Some(false) && now_visible {
            wake();
        }
        now_visible
    });
    let may_poll = move || {
        is_active.try_get_untracked() == Some(true) && !(pause_while_hidden && page_hidden())
    };
    leptos::task::spawn_local(async move {
        let mut first = true;
        loop {
            if is_active.try_get_untracked().is_none() {
                return;
            }
            let next = if may_poll() && (immediate || !first || poked.get_value()) {
                poked.set_value(false);
                let next = match select(poll(), &mut alive_rx).await {
                    Either::Left((next, _)) => next,
                    Either::Right(_) => return,
                };
                if poked.try_get_value() == Some(true) {
                    poked.set_value(false);
                    Some(Duration::ZERO)
                } else {
                    next
                }
            } else {
                // Not now (paused, hidden, or waiting for the first poke): until woken.
                None
            };
            first = false;
            let (tx, rx) = oneshot::channel();
            if waker.try_set_value(Some(tx)).is_some() {
                return;
            }
            match next {
                Some(d) if d.is_zero() => {}
                Some(d) => {
                    let ms = u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
                    let timer = gloo_timers::future::TimeoutFuture::new(ms);
                    if let Either::Right((Err(oneshot::Canceled), _)) = select(timer, rx).await {
                        return;
                    }
                }
                None => {
                    if rx.await.is_err() {
                        return;
                    }
                }
            }
            waker.try_update_value(|w| *w = None);
        }
    });
    let pause = move || {
        let _ = is_active.try_set(false);
    };
    let resume = move || {
        if is_active.try_get_untracked() == Some(false) {
            is_active.set(true);
            poked.set_value(true);
            wake();
        }
    };
    let poke = move || {
        if poked.try_set_value(true).is_none() {
            wake();
        }
    };
    UsePolledReturn {
        is_active: is_active.read_only().into(),
        pause: Callback::new(move |()| pause()),
        resume: Callback::new(move |()| resume()),
        poke: Callback::new(move |()| poke()),
    }
}

/// Options for [`use_polled_with_options`].
#[derive(Clone, Copy, Debug)]
pub struct UsePolledOptions {
    /// Poll once at once. Defaults to `true`; `false` waits for the first poke.
    pub immediate: bool,
    /// Poll nobody while the tab is hidden. Defaults to `true`: ARM is shared and throttled.
    pub pause_while_hidden: bool,
}

impl Default for UsePolledOptions {
    fn default() -> Self {
        Self { immediate: true, pause_while_hidden: true }
    }
}

impl UsePolledOptions {
    /// Sets [`Self::immediate`].
    #[must_use]
    pub const fn immediate(mut self, immediate: bool) -> Self {
        self.immediate = immediate;
        self
    }

    /// Sets [`Self::pause_while_hidden`].
    #[must_use]
    pub const fn pause_while_hidden(mut self, pause: bool) -> Self {
        self.pause_while_hidden = pause;
        self
    }
}

/// What [`use_polled`] returns.
#[derive(Clone, Copy)]
pub struct UsePolledReturn {
    /// Not paused.
    pub is_active: Signal<bool>,
    /// Stops polling until [`Self::resume`].
    pub pause: Callback<()>,
    /// Goes on polling, at once.
    pub resume: Callback<()>,
    /// Polls now instead of at the next turn.
    pub poke: Callback<()>,
}
