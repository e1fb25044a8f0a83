//! Re-reading a registration while it runs.

use crate::arm::context::use_arm;
use crate::hooks::{use_polled_with_options, UsePolledOptions};
use anf_core::preflight::feature::next_poll;
use leptos::prelude::*;

/// A counter that goes up every ~15 s (sooner in the faster demo) while `in_progress` is true;
/// resources that read it fetch again. Built on the app's polling hook, so nothing is polled
/// while the tab is hidden, and the timer goes with the calling component.
pub fn use_poll_while(in_progress: Signal<bool>) -> ReadSignal<u32> {
    let (tick, set_tick) = signal(0u32);
    let speed = use_arm().demo().map_or(1.0, |world| world.read(anf_sim::Simulator::speed));
    // The resource read the state just now: the first count goes one interval after a start.
    let armed = StoredValue::new(false);
    let polled = use_polled_with_options(
        move || async move {
            if !in_progress.try_get_untracked().unwrap_or(false) {
                armed.try_set_value(false);
                return None;
            }
            if armed.try_get_value() == Some(true) {
                set_tick.try_update(|t| *t += 1);
            }
            armed.try_set_value(true);
            next_poll(true, speed)
        },
        UsePolledOptions::default().immediate(false),
    );
    Effect::new(move |_| {
        if in_progress.get() {
            polled.poke.run(());
        }
    });
    tick
}

/// The interval shown to the user ("read again every 15 s").
#[must_use]
pub fn poll_interval_secs() -> u64 {
    let speed = use_arm().demo().map_or(1.0, |world| world.read(anf_sim::Simulator::speed));
    next_poll(true, speed).map_or(15, |d| d.as_secs().max(1))
}
