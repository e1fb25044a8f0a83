//! How fast simulated time runs, and jumps ahead.

use crate::arm::browser_env::now;
use crate::arm::context::use_arm;
use crate::state::toasts::{use_toasts, ToastKind};
use leptos::prelude::*;

const SPEEDS: [(f64, &str); 5] = [
    (1.0, "Real time"),
    (4.0, "4× (a baseline in about a minute)"),
    (10.0, "10×"),
    (30.0, "30×"),
    (120.0, "120× (an hour in thirty seconds)"),
];

/// The speed selector and buttons that move the simulated clock forward.
#[component]
pub fn SpeedControl() -> impl IntoView {
    let arm = use_arm();
    let toasts = use_toasts();
    let speed = RwSignal::new(arm.demo().map_or(1.0, |w| w.read(|s| s.speed())));
    let set_speed = move |value: f64| {
        if let Some(world) = arm.demo() {
            world.with(|sim| sim.set_speed(value, now()));
            speed.set(value);
        }
    };
    let advance = move |seconds: u64, label: &'static str| {
        if let Some(world) = arm.demo() {
            world.with(|sim| sim.advance(seconds, now()));
            toasts.push(ToastKind::Info, format!("Simulated time moved ahead {label}"));
        }
    };
    view! {
        <div class="field">
            <label for="demo-speed">"Time speed"</label>
            <select id="demo-speed" on:change=move |e| {
                if let Ok(v) = event_target_value(&e).parse::<f64>() {
                    set_speed(v);
                }
            }>
                {SPEEDS.map(|(v, label)| view! {
                    <option value=v.to_string() selected=move || (speed.get() - v).abs() < f64::EPSILON>{label}</option>
                })}
            </select>
            <span class="field-hint">"Transfers, schedules and the 60-minute peering offer all follow simulated time."</span>
        </div>
        <div class="toolbar" role="group" aria-label="Move simulated time ahead">
            <button type="button" class="btn" on:click=move |_| advance(60, "1 minute")>"+1 minute"</button>
            <button type="button" class="btn" on:click=move |_| advance(600, "10 minutes")>"+10 minutes"</button>
            <button type="button" class="btn" on:click=move |_| advance(3600, "1 hour")>"+1 hour"</button>
        </div>
    }
}
