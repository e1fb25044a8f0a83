//! Adding volumes from a CSV file in the wave's format, with a template to start from. A file
//! over 5 MB is refused before it is read; one that is not UTF-8 text is refused with a message.

use super::paste_import::{ImportMessage, ImportOutcome};
use super::PlanHandle;
use crate::download::download_text;
use crate::user_timing::measure;
use anf_core::wave::{read_csv_bytes, template, Column, InputRefused, MAX_INPUT_BYTES};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The CSV's columns, for the hint.
fn columns() -> String {
    Column::ALL[..10].iter().map(|c| c.header()).collect::<Vec<_>>().join(", ")
}

/// Reads a file's bytes, unless it is larger than the limit (`Err` then says so).
async fn file_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let size = file.size() as usize;
    if size > MAX_INPUT_BYTES {
        return Err(InputRefused::TooLarge { bytes: size }.to_string());
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The browser could not read the file.".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Takes `bytes` of file `name` into the plan; what happened.
pub fn import_csv(handle: PlanHandle, name: &str, bytes: &[u8]) -> ImportOutcome {
    let import = match measure("wave CSV: read", || read_csv_bytes(bytes)) {
        Ok(i) => i,
        Err(e) => {
            return ImportOutcome {
                summary: format!("{name} was not imported: {e}"),
                details: vec![],
                refused: true,
            }
        }
    };
    let mut details: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    details.extend(import.unknown_columns.iter().map(|(n, h)| {
        format!("Column {n} ({h}) is not a column of the wave's format; it was ignored.")
    }));
    let rows = import.rows.len();
    let Some(report) =
        measure("wave CSV: add to the plan", || handle.change_plan(|p| p.add_rows(import.rows)))
    else {
        return ImportOutcome::default();
    };
    details.extend(report.notes.iter().map(|(origin, note)| format!("{origin}: {note}")));
    let skipped = rows - report.added.len();
    let skipped = if skipped > 0 { format!(", {skipped} skipped") } else { String::new() };
    ImportOutcome {
        summary: format!("{name}: added {} volumes{skipped}.", report.added.len()),
        details,
        refused: false,
    }
}

/// The file input, the template and the format.
#[component]
pub fn CsvImport(
    /// The wave edited.
    handle: PlanHandle,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<ImportOutcome>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // The same file chosen again (after fixing it) must fire again.
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let result = match file_bytes(file).await {
                Ok(bytes) => import_csv(handle, &name, &bytes),
                Err(e) => ImportOutcome {
                    summary: format!("{name} was not imported: {e}"),
                    details: vec![],
                    refused: true,
                },
            };
            outcome.set(Some(result));
        });
    };
    view! {
        <div class="stack">
            <div class="field">
                <label for="wave-csv">"CSV file"</label>
                <input id="wave-csv" type="file" accept=".csv,text/csv,text/plain"
                    aria-describedby="wave-csv-hint wave-csv-outcome" on:change=on_change />
                <p id="wave-csv-hint" class="field-hint">
                    {format!("UTF-8 (with or without BOM), comma-separated, one header line naming the columns in any order: {}. Only svm and source_volume are required; an empty cell takes the wave's default. At most 5 MB.", columns())}
                </p>
            </div>
            <div class="toolbar">
                <button type="button" class="btn" data-csv-template="true"
                    on:click=move |_| download_text("wave-template.csv", "text/csv", &template())>
                    "Download the template"
                </button>
            </div>
            <ImportMessage outcome=Signal::derive(move || outcome.get()) id="wave-csv-outcome" />
        </div>
    }
}
