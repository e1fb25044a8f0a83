//! Says, above the page, when Azure doesn't answer or holds the calls back, and that the
//! console goes on by itself: nothing the user started is lost or reported failed meanwhile.

use crate::arm::browser_env::{now, sleep};
use crate::arm::context::use_arm;
use crate::arm::link_state::{Hold, Link};
use crate::local_time::local_time;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/link_banner.module.css");

/// The "reconnecting" and "throttled" notices.
#[component]
pub fn LinkBanner() -> impl IntoView {
    let state = use_arm().link.get_value();
    let link = state.link.clone();
    let hold = state.hold;
    // A hold ends by itself: clear it when its time has passed (unless a newer one came).
    let hold_for_timer = hold.clone();
    Effect::new(move |_| {
        let Some(current) = hold_for_timer.get() else { return };
        let hold = hold_for_timer.clone();
        leptos::task::spawn_local(async move {
            sleep(current.until.since(now())).await;
            if hold.try_get_untracked().flatten().as_ref() == Some(&current) {
                hold.try_set(None);
            }
        });
    });
    let reconnecting = move || match link.get() {
        Link::Up => None,
        Link::Reconnecting { since, error } => Some(view! {
            <div class=style::notice role="status" data-link="reconnecting">
                <p><strong>"Reconnecting to Azure…"</strong>
                    " Calls have failed since " {local_time(since)} " (" {error} "). "
                    "Operations in progress go on in Azure; the console follows them again as soon as Azure answers, and nothing is sent twice."</p>
            </div>
        }),
    };
    let throttled = move || {
        hold.get().map(|Hold { until, cap_note }| view! {
            <div class=style::notice role="status" data-link="throttled">
                <p><strong>"Azure is throttling this subscription's requests."</strong>
                    " The console sends nothing before " {local_time(until)} ", then goes on by itself. "
                    {cap_note}</p>
            </div>
        })
    };
    view! { {reconnecting} {throttled} }
}
