//! One row of the plan's table: every cell editable, a cell left empty showing the wave's
//! default it takes, and each problem under the cell it is about, in plain words.

use super::PlanHandle;
use anf_core::wave::{Column, RowId, RowVerdict, WaveVerdict};
use leptos::prelude::*;

stylance::import_crate_style!(pub(super) style, "src/components/waves/plan_table.module.css");

/// The editable columns, in the table's order.
pub const EDITABLE: [Column; 9] = [
    Column::Svm,
    Column::SourceVolume,
    Column::LogicalSize,
    Column::TargetVolume,
    Column::Quota,
    Column::Protocol,
    Column::Pool,
    Column::Schedule,
    Column::ExportClients,
];

/// A column's heading.
#[must_use]
pub fn heading(c: Column) -> &'static str {
    match c {
        Column::Svm => "SVM",
        Column::SourceVolume => "Source volume",
        Column::LogicalSize => "Logical size",
        Column::TargetVolume => "Target volume",
        Column::Quota => "Quota",
        Column::Protocol => "Protocol",
        Column::Pool => "Pool",
        Column::Schedule => "Schedule",
        Column::ExportClients => "Export clients",
        Column::SourceCluster => "Cluster",
        Column::OntapType | Column::OntapStyle | Column::OntapRoot => "Source kind",
    }
}

/// The messages of `verdict`'s problems (or warnings) in `column`.
fn messages(verdict: &Option<RowVerdict>, column: Column, warnings: bool) -> Vec<String> {
    verdict.as_ref().map_or_else(Vec::new, |v| {
        let list = if warnings { &v.warnings } else { &v.problems };
        list.iter()
            .filter(|p| p.column == column)
            .map(anf_core::wave::RowProblem::at_cell)
            .collect()
    })
}

/// One row.
#[component]
pub fn PlanRow(
    /// The wave edited.
    handle: PlanHandle,
    /// The checks.
    verdict: Memo<WaveVerdict>,
    /// The row.
    id: RowId,
    /// The baseline estimate of the row, in words (empty: none).
    #[prop(into)]
    estimate: Signal<(String, String)>,
) -> impl IntoView {
    let row = Memo::new(move |_| {
        handle.wave.with(|w| {
            let w = w.as_ref()?;
            let r = w.plan.row(id)?;
            Some((r.clone(), w.plan.effective(r)))
        })
    });
    let mine = Memo::new(move |_| verdict.with(|v| v.rows.iter().find(|r| r.id == id).cloned()));
    let who = move || {
        row.with(|r| {
            r.as_ref().map(|(r, _)| format!("{}:{}", r.svm, r.source_volume)).unwrap_or_default()
        })
    };
    let cell = move |column: Column| {
        let problems = Memo::new(move |_| mine.with(|v| messages(v, column, false)));
        let warnings = Memo::new(move |_| mine.with(|v| messages(v, column, true)));
        let error_id = format!("plan-{id}-{}", column.header());
        let described = error_id.clone();
        view! {
            <td data-column=column.header()>
                <input type="text" class=style::cell spellcheck="false" autocomplete="off"
                    id=format!("plan-cell-{id}-{}", column.header())
                    aria-label=move || format!("{} of {}", heading(column), who())
                    aria-invalid=move || (!problems.with(Vec::is_empty)).to_string()
                    aria-describedby=move || (!problems.with(Vec::is_empty) || !warnings.with(Vec::is_empty)).then(|| described.clone())
                    prop:value=move || row.with(|r| r.as_ref().map(|(r, _)| r.cell(column).to_owned()).unwrap_or_default())
                    placeholder=move || row.with(|r| r.as_ref().map(|(_, e)| e.get(column).to_owned()).unwrap_or_default())
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        handle.change_plan(|p| {
                            if let Some(r) = p.rows.iter_mut().find(|r| r.id == id) {
                                r.set_cell(column, &v);
                            }
                        });
                    } />
                <div id=error_id>
                    {move || problems.get().into_iter().map(|m| view! { <p class="field-error" data-problem="true">{m}</p> }).collect_view()}
                    {move || warnings.get().into_iter().map(|m| view! { <p class=style::warning>{m}</p> }).collect_view()}
                </div>
            </td>
        }
    };
    // Problems of columns the table doesn't edit (what ONTAP said the volume is).
    let other = Memo::new(move |_| {
        mine.with(|v| {
            v.as_ref().map_or_else(Vec::new, |v| {
                v.problems
                    .iter()
                    .filter(|p| !EDITABLE.contains(&p.column))
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            })
        })
    });
    let status = move || {
        mine.with(|v| match v {
            Some(v) if v.create.is_some() => ("ok", "Ready".to_owned()),
            Some(v) => ("bad", format!("{} to fix", v.problems.len())),
            None => ("bad", "Not checked".to_owned()),
        })
    };
    let origin =
        move || row.with(|r| r.as_ref().map(|(r, _)| r.origin.to_string()).unwrap_or_default());
    view! {
        <tr data-row=id.to_string() data-state=move || status().0>
            <th scope="row" class="muted">{origin}</th>
            {EDITABLE.into_iter().map(cell).collect_view()}
            <td>
                <span class=move || if status().0 == "ok" { style::ok } else { style::bad }>{move || status().1}</span>
                {move || other.get().into_iter().map(|m| view! { <p class="field-error" data-problem="true" data-not-migratable="true">{m}</p> }).collect_view()}
            </td>
            <td class="muted" title=move || estimate.get().1>{move || estimate.get().0}</td>
            <td>
                <button type="button" class="btn btn-subtle" aria-label=move || format!("Remove {} from the wave", who())
                    on:click=move |_| { handle.change_plan(|p| p.drop_rows(&[id])); }>"Remove"</button>
            </td>
        </tr>
    }
}
