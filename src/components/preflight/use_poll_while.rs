//! Re-reading a registration while it runs.

use crate::arm::browser_env::sleep;
use crate::arm::context::use_arm;
use crate::hooks::use_page_visible;
use anf_core::preflight::feature::next_poll;
use leptos::prelude::*;

/// A counter that goes up every ~15 s (sooner in the faster demo) while `in_progress` is true
/// and the tab is visible; resources that read it fetch again. Nothing is polled while the tab
/// is hidden, and the timer goes with the calling component.
pub fn use_poll_while(in_progress: Signal<bool>) -> ReadSignal<u32> {
    let (tick, set_tick) = signal(0u32);
    let visible = use_page_visible();
    let speed = use_arm().demo().map_or(1.0, |world| world.read(anf_sim::Simulator::speed));
    // Each run of the effect starts a new wait; an older wait that wakes up finds the epoch
    // moved on (or disposed with the component) and does nothing.
    let epoch = StoredValue::new(0u64);
    Effect::new(move |_| {
        tick.track();
        let mine = epoch.get_value().wrapping_add(1);
        epoch.set_value(mine);
        let Some(wait) = next_poll(in_progress.get() && visible.get(), speed) else {
            return;
        };
        leptos::task::spawn_local(async move {
            sleep(wait).await;
            if epoch.try_get_value() == Some(mine) {
                set_tick.try_update(|t| *t += 1);
            }
        });
    });
    tick
}

/// The interval shown to the user ("read again every 15 s").
#[must_use]
pub fn poll_interval_secs() -> u64 {
    let speed = use_arm().demo().map_or(1.0, |world| world.read(anf_sim::Simulator::speed));
    next_poll(true, speed).map_or(15, |d| d.as_secs().max(1))
}
