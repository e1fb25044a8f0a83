//! Review + Create: every problem at once, what will be created in the form's words, the exact
//! request, the checklist kept with the migration, and the Create button.

use super::{control_id, FormState};
use crate::components::code_block::CodeBlock;
use anf_core::migration_meta::ConfirmedItem;
use anf_core::wizard::new_migration::tab_of;
use anf_core::wizard::summary::review_summary;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

stylance::import_crate_style!(style, "src/components/new_migration/review_tab.module.css");

/// The checklist confirmed on Pre-flight for this pool, as it will be kept.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChecklistSnapshot {
    /// Every item, ticked or not (empty when nothing was confirmed).
    pub items: Vec<ConfirmedItem>,
    /// When it was confirmed, in words.
    pub confirmed_at: Option<String>,
    /// When it was confirmed.
    pub confirmed_at_ms: Option<anf_core::time::Timestamp>,
}

fn focus_field(field: &str) {
    let id = control_id(field);
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

/// The review: problems (each a way back to its field), warnings, the request line and body,
/// the checklist, and Create.
#[component]
pub fn ReviewTab(
    /// The form.
    form: FormState,
    /// `PUT https://.../volumes/{name}?api-version=...`, once the scope and name are known.
    #[prop(into)]
    request_line: Signal<Option<String>>,
    /// The checklist that will be kept.
    #[prop(into)]
    checklist: Signal<ChecklistSnapshot>,
    /// The capacity pool's name, once the scope has one.
    #[prop(into)]
    pool: Signal<Option<String>>,
    /// A create is in motion.
    #[prop(into)]
    busy: Signal<bool>,
    /// Sends the request.
    on_create: Callback<()>,
) -> impl IntoView {
    let check = form.check;
    let body = Signal::derive(move || {
        check.with(|c| {
            c.request
                .as_ref()
                .and_then(|r| serde_json::to_string_pretty(&r.volume()).ok())
                .unwrap_or_default()
        })
    });
    let line = Signal::derive(move || request_line.get().unwrap_or_default());
    // The form's own words first, as the portal's Review + Create reads; the request below.
    let summary = move || {
        let pool = pool.get();
        check.with(|c| c.request.as_ref().map(|r| review_summary(r, pool.as_deref()))).map(
            |lines| {
                view! {
                    <dl class=style::summary data-review-summary>
                        {lines.into_iter().map(|l| view! {
                            <dt>{l.label}</dt><dd data-summary=l.label>{l.value}</dd>
                        }).collect_view()}
                    </dl>
                }
            },
        )
    };
    let blocked = move || check.with(|c| c.request.is_none()) || request_line.with(Option::is_none);
    let problems = move || {
        check.with(|c| {
            c.errors
                .iter()
                .map(|e| {
                    let field = e.field;
                    let tab = tab_of(field);
                    let go = move |_| {
                        form.go_to(tab);
                        focus_field(field);
                    };
                    view! {
                        <li>
                            <button type="button" class="btn btn-subtle review-problem" on:click=go>
                                {format!("{}: {}", tab.label(), e.message)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let warnings = move || {
        check.with(|c| {
            c.warnings.iter().map(|w| view! { <li>{w.message.clone()}</li> }).collect_view()
        })
    };
    let confirmed = move || checklist.with(|c| c.items.iter().filter(|i| i.confirmed).count());
    view! {
        <div class="stack">
            <Show when=move || check.with(|c| !c.errors.is_empty())>
                <section class=style::problems role="alert" aria-labelledby="nm-problems-heading">
                    <h3 id="nm-problems-heading">
                        {move || check.with(|c| match c.errors.len() {
                            1 => "1 field needs attention before anything is sent".to_owned(),
                            n => format!("{n} fields need attention before anything is sent"),
                        })}
                    </h3>
                    <ul class=style::list>{problems}</ul>
                </section>
            </Show>
            <Show when=move || check.with(|c| !c.warnings.is_empty())>
                <section class=style::warnings aria-label="Remarks">
                    <ul class=style::list>{warnings}</ul>
                </section>
            </Show>
            <Show when=move || !blocked()>
                <section class="stack" aria-labelledby="nm-summary-heading">
                    <h3 id="nm-summary-heading">"What will be created"</h3>
                    {summary}
                </section>
            </Show>
            <section class="stack" aria-labelledby="nm-request-heading">
                <h3 id="nm-request-heading">"The request"</h3>
                <p class="muted">"Exactly what Create sends to Azure Resource Manager."</p>
                <Show when=move || !blocked() fallback=|| view! {
                    <p class="muted">"The request appears here once every field is valid and a capacity pool is chosen."</p>
                }>
                    <CodeBlock code=line label="Request" />
                    <CodeBlock code=body label="Request body (JSON)" />
                </Show>
            </section>
            <section class="stack" aria-labelledby="nm-checklist-heading">
                <h3 id="nm-checklist-heading">"Pre-flight checklist kept with this migration"</h3>
                {move || {
                    let c = checklist.get();
                    if c.items.is_empty() {
                        view! {
                            <p>"Nothing was confirmed on " <a href="/preflight">"Pre-flight"</a>
                               " for this capacity pool. You can still create the migration; confirming the checklist first avoids the failures it lists."</p>
                        }.into_any()
                    } else {
                        view! {
                            <p>{format!("{} of {} items confirmed", confirmed(), c.items.len())}
                               {c.confirmed_at.map(|t| format!(" on {t}")).unwrap_or_default()}
                               ". " <a href="/preflight">"Review on Pre-flight"</a></p>
                            <ul class=style::checklist>
                                {c.items.into_iter().map(|i| view! {
                                    <li data-confirmed=i.confirmed.to_string()>
                                        <span aria-hidden="true">{if i.confirmed { "✓ " } else { "✗ " }}</span>
                                        <span class="visually-hidden">{if i.confirmed { "Confirmed: " } else { "Not confirmed: " }}</span>
                                        {i.label}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </section>
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-create
                    disabled=move || blocked() || busy.get()
                    aria-busy=move || busy.get().to_string()
                    on:click=move |_| on_create.run(())>
                    "Create"
                </button>
                <span class="muted">"Creates the migration volume; peering comes next."</span>
            </div>
        </div>
    }
}
