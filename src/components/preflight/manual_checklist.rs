//! The checklist ARM can't check: the user ticks each item; the ticks are kept per pool and
//! copied into every migration created afterwards.

use super::check_item::tone_of;
use super::checklist_store::{load_for_pool, save_for_pool};
use crate::arm::browser_env::now;
use crate::components::copy_button::CopyButton;
use crate::components::status_pill::StatusPill;
use anf_core::ids::PoolId;
use anf_core::preflight::checklist::{items, ConfirmedChecklist};
use anf_core::preflight::Verdict;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/preflight/manual_checklist.module.css");

/// The checklist for `pool`.
#[component]
pub fn ManualChecklist(
    /// The chosen pool.
    pool: PoolId,
) -> impl IntoView {
    let confirmed = RwSignal::new(load_for_pool(&pool));
    let pool = StoredValue::new(pool);
    let toggle = move |id: &'static str, on: bool| {
        let mut ids =
            confirmed.with_untracked(|c| c.as_ref().map(|c| c.items.clone()).unwrap_or_default());
        ids.retain(|i| i != id);
        if on {
            ids.push(id.to_owned());
        }
        let next = ConfirmedChecklist::new(ids.iter().map(String::as_str), now());
        save_for_pool(&pool.get_value(), &next);
        confirmed.set(Some(next));
    };
    let is_checked = move |id: &str| confirmed.with(|c| c.as_ref().is_some_and(|c| c.contains(id)));
    let count = move || {
        let done = confirmed.with(|c| c.as_ref().map_or(0, |c| c.items.len()));
        let total = items().len();
        if done == total {
            let at = confirmed.with(|c| c.as_ref().map(|c| c.confirmed_at));
            format!(
                "All {total} confirmed{}. New migrations in this pool keep this confirmation.",
                at.map(|t| format!(" (last change at {})", super::check_item::time_of_day(t)))
                    .unwrap_or_default()
            )
        } else {
            format!("{done} of {total} confirmed. Confirm each item on the source cluster before you create a migration.")
        }
    };
    view! {
        <p role="status" class=style::count data-confirmed-count=move || confirmed.with(|c| c.as_ref().map_or(0, |c| c.items.len()))>{count}</p>
        <ul class=style::list>
            {items().iter().map(|item| {
                let id = item.id;
                let input_id = format!("confirm-{id}");
                let why_id = format!("confirm-{id}-why");
                let checked = Signal::derive(move || is_checked(id));
                view! {
                    <li class=style::item data-item=id>
                        <div class=style::head>
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                aria-describedby=why_id.clone()
                                prop:checked=move || checked.get()
                                on:change=move |ev| toggle(id, event_target_checked(&ev))
                            />
                            <label for=input_id class=style::label>{item.title}</label>
                            <StatusPill
                                tone=Signal::derive(move || tone_of(Some(if checked.get() { Verdict::Pass } else { Verdict::Unknown })))
                                text=Signal::derive(move || if checked.get() { "Confirmed".to_owned() } else { "Not confirmed".to_owned() })
                            />
                        </div>
                        <p id=why_id><strong>"Why it matters: "</strong>{item.why}</p>
                        <div class=style::command>
                            <strong>"How to check: "</strong>
                            <code class="mono">{item.check}</code>
                            <CopyButton text=item.check.to_owned() label="Copy command" />
                        </div>
                        <p><strong>"If it does not hold: "</strong>{item.fix}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
