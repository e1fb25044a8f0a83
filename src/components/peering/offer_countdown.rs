//! The live countdown of a cluster peering offer's 60 minutes.

use anf_core::time::Timestamp;
use anf_core::wizard::countdown::{countdown_words, format_countdown, offer_clock, OfferClock};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/peering/offer_countdown.module.css");

/// `mm:ss` left to accept the offer, warning in the last ten minutes; screen readers hear the
/// minutes (announced politely once a minute, not every second).
#[component]
pub fn OfferCountdown(
    /// When the offer was issued.
    issued_at: Timestamp,
    /// Now, on the same clock.
    #[prop(into)]
    now: Signal<Timestamp>,
) -> impl IntoView {
    let state = move || offer_clock(issued_at, now.get());
    let spoken = Memo::new(move |_| match state() {
        OfferClock::Valid(left) | OfferClock::Expiring(left) => {
            // Minutes only, so the live region speaks once a minute.
            let minutes = std::time::Duration::from_secs(left.as_secs().div_ceil(60) * 60);
            format!("The offer expires in {}", countdown_words(minutes).trim_end_matches(" left"))
        }
        OfferClock::Expired => "The offer has expired.".to_owned(),
    });
    view! {
        <div class=style::countdown data-state=move || match state() {
            OfferClock::Valid(_) => "valid", OfferClock::Expiring(_) => "expiring", OfferClock::Expired => "expired" }>
            <span class=style::label>"Time left to accept the offer"</span>
            <span class=style::time aria-hidden="true" data-countdown>{move || match state() {
                OfferClock::Valid(left) | OfferClock::Expiring(left) => format_countdown(left),
                OfferClock::Expired => "expired".to_owned(),
            }}</span>
            <span class="visually-hidden" aria-live="polite">{move || spoken.get()}</span>
        </div>
    }
}
