//! The Activity log as a table.

use crate::arm::activity::ActivityEntry;
use crate::components::status_pill::{StatusPill, Tone};
use crate::local_time::local_time;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/activity/activity_table.module.css");

fn tone(entry: &ActivityEntry) -> Tone {
    match entry.status {
        None => Tone::Danger,
        Some(s) if s >= 500 || s == 429 => Tone::Warning,
        Some(s) if s >= 400 => Tone::Danger,
        Some(s) if s == 201 || s == 202 => Tone::Info,
        Some(_) => Tone::Success,
    }
}

/// One row per call, newest first.
#[component]
pub fn ActivityTable(
    /// The rows to show.
    #[prop(into)]
    rows: Signal<Vec<ActivityEntry>>,
) -> impl IntoView {
    view! {
        <div class=style::scroll>
            <table class="data-table">
                <caption class="visually-hidden">"ARM calls made this session"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Time"</th>
                        <th scope="col">"Method"</th>
                        <th scope="col">"Path"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Duration"</th>
                        <th scope="col">"Request id"</th>
                        <th scope="col">"Correlation id"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|e| e.seq let:e>
                        <tr data-status=e.status.map(|s| s.to_string()).unwrap_or_default()>
                            <td class="mono">{local_time(e.at)}</td>
                            <td class="mono">{e.method.clone()}</td>
                            <td class=style::path>
                                <span class="mono">{e.path.clone()}</span>
                                {e.error.clone().map(|code| view! {
                                    <span class=style::error>{code}{e.message.clone().map(|m| format!(": {m}")).unwrap_or_default()}</span>
                                })}
                            </td>
                            <td>
                                <StatusPill tone=tone(&e)
                                    text=e.status.map_or_else(|| "no answer".to_owned(), |s| s.to_string()) />
                            </td>
                            <td>{format!("{} ms", e.duration_ms)}</td>
                            <td class="mono">{e.request_id.clone().unwrap_or_default()}</td>
                            <td class="mono">{e.correlation_id.clone().unwrap_or_default()}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
