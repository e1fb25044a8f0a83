//! Page controls under the migrations table, as the portal's grids have them: which rows are
//! shown, rows per page, first / previous / page N of M / next / last.
//!
//! The table lays out only the page it shows, so a poll tick over a thousand migrations costs
//! the layout of one page (issue 7). Sorting and filtering apply to all rows before paging.

use anf_core::migration::{Paging, PAGE_SIZES};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/migrations/table_pager.module.css");

/// The pager for `total` sorted, filtered rows. The buttons at either end stay focusable with
/// `aria-disabled` (a disabled button would drop the keyboard focus on the last page).
#[component]
pub fn TablePager(
    /// The page shown; the controls move it.
    paging: RwSignal<Paging>,
    /// How many rows there are to page through.
    #[prop(into)]
    total: Signal<usize>,
    /// What the pages are of, for screen readers (the migrations table's by default).
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let label = label.unwrap_or_else(|| "Pages of the migrations table".to_owned());
    let current = move || paging.get().clamped(total.get());
    let pages = move || paging.get().pages(total.get());
    let at_first = move || current().index == 0;
    let at_last = move || current().index + 1 >= pages();
    let step = move |delta: isize| paging.update(|p| *p = p.step(delta, total.get_untracked()));
    let go_to = move |index: usize| paging.update(|p| p.index = index);
    // Only worth showing once there is more than the smallest page.
    let paged = move || total.get() > PAGE_SIZES[0];
    let button =
        move |label: &'static str, key: &'static str, off: fn(bool, bool) -> bool, delta: isize| {
            view! {
                <button type="button" class="btn" data-page=key
                    aria-disabled=move || off(at_first(), at_last()).to_string()
                    on:click=move |_| step(delta)>{label}</button>
            }
        };
    view! {
        <nav class=style::pager aria-label=label>
            <span class=style::summary data-page-summary="true" aria-live="polite">
                {move || current().summary(total.get())}
            </span>
            <Show when=paged>
                <label class=style::size>"Rows per page "
                    <select data-page-size="true"
                        on:change=move |e| {
                            if let Ok(n) = event_target_value(&e).parse::<usize>() {
                                // The first row shown stays on the new page.
                                paging.update(|p| {
                                    let first = p.range(total.get_untracked()).start;
                                    *p = Paging::first(n).showing(first);
                                });
                            }
                        }>
                        {PAGE_SIZES.iter().map(|&n| view! {
                            <option value=n.to_string() prop:selected=move || paging.get().size == n>{n}</option>
                        }).collect_view()}
                    </select>
                </label>
                <div class=style::steps role="group" aria-label="Page">
                    {button("First", "first", |first, _| first, isize::MIN)}
                    {button("Previous", "previous", |first, _| first, -1)}
                    <label class=style::size>"Page "
                        <select data-page-index="true"
                            on:change=move |e| {
                                if let Ok(n) = event_target_value(&e).parse::<usize>() {
                                    go_to(n.saturating_sub(1));
                                }
                            }>
                            {move || (1..=pages()).map(|n| view! {
                                <option value=n.to_string() prop:selected=move || current().index + 1 == n>{n}</option>
                            }).collect_view()}
                        </select>
                        {move || format!(" of {}", pages())}
                    </label>
                    {button("Next", "next", |_, last| last, 1)}
                    {button("Last", "last", |_, last| last, isize::MAX)}
                </div>
            </Show>
        </nav>
    }
}
