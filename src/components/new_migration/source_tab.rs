//! Source: the ONTAP volume to migrate and how often it is replicated.

use super::{control_id, FormState};
use crate::components::field::select_field::SelectField;
use crate::components::field::text_field::TextField;
use anf_core::validation::fields;
use anf_core::wizard::new_migration::SOURCE_SIZE;
use leptos::prelude::*;

/// Cluster Name, SVM Name, Source volume name, its logical size and Replication schedule.
#[component]
pub fn SourceTab(
    /// The form.
    form: FormState,
) -> impl IntoView {
    let draft = form.draft;
    let schedules = Signal::derive(|| {
        [("_10minutely", "Every 10 minutes"), ("hourly", "Hourly"), ("daily", "Daily")]
            .into_iter()
            .map(|(v, l)| (v.to_owned(), l.to_owned()))
            .collect::<Vec<_>>()
    });
    let unit =
        Signal::derive(move || draft.with(|d| if d.source_size_tib { "tib" } else { "gib" }));
    let size_hint = Signal::derive(move || {
        let svm = draft.with(|d| d.svm_name.clone());
        let vol = draft.with(|d| d.source_volume.clone());
        let svm = if svm.trim().is_empty() { "<svm>".to_owned() } else { svm };
        let vol = if vol.trim().is_empty() { "<volume>".to_owned() } else { vol };
        Some(format!("The data the source volume holds as ONTAP reports it (logical-used; the portal calls this field Volume size). The quota on the Volume tab is sized from it, 20% over, as Microsoft recommends. On ONTAP: volume show -vserver {svm} -volume {vol} -fields logical-used"))
    });
    view! {
        <TextField id=control_id(fields::CLUSTER_NAME) label="Cluster Name" mono=true
            value=form.text(|d| &d.cluster_name)
            on_input=form.set(|d, v| d.cluster_name = v)
            on_blur=form.touch(fields::CLUSTER_NAME)
            error=form.error(fields::CLUSTER_NAME)
            hint="The source cluster's name, as cluster identity show prints it." />
        <TextField id=control_id(fields::SVM_NAME) label="SVM Name" mono=true
            value=form.text(|d| &d.svm_name)
            on_input=form.set(|d, v| d.svm_name = v)
            on_blur=form.touch(fields::SVM_NAME)
            error=form.error(fields::SVM_NAME)
            hint="The storage VM that owns the volume (vserver show)." />
        <TextField id=control_id(fields::SOURCE_VOLUME) label="Source volume name" mono=true
            value=form.text(|d| &d.source_volume)
            on_input=form.set(|d, v| d.source_volume = v)
            on_blur=form.touch(fields::SOURCE_VOLUME)
            error=form.error(fields::SOURCE_VOLUME)
            hint="The FlexVol volume to migrate (volume show -vserver <svm>)." />
        // The how-to's portal field "Volume size" is the source's quota, but Microsoft sizes
        // the new volume from the logical space the source uses (20% over it), and the
        // baseline's progress is measured against it: so this field is the logical size, and
        // says so.
        <TextField id=control_id(SOURCE_SIZE) label="Source volume's logical size"
            value=form.text(|d| &d.source_size)
            on_input=Callback::new(move |v| draft.update(|d| { let tib = d.source_size_tib; d.set_source_size(v, tib) }))
            on_blur=form.touch(SOURCE_SIZE)
            error=form.error(SOURCE_SIZE)
            hint=size_hint>
            <select aria-label="Unit of the source volume's logical size"
                on:change=move |ev| {
                    let tib = event_target_value(&ev) == "tib";
                    draft.update(|d| { let text = d.source_size.clone(); d.set_source_size(text, tib) });
                }>
                <option value="gib" selected=move || unit.get() == "gib">"GiB"</option>
                <option value="tib" selected=move || unit.get() == "tib">"TiB"</option>
            </select>
        </TextField>
        <SelectField id=control_id(fields::SCHEDULE) label="Replication schedule"
            value=form.text(|d| &d.schedule)
            options=schedules
            on_change=form.set(|d, v| d.schedule = v)
            on_blur=form.touch(fields::SCHEDULE)
            error=form.error(fields::SCHEDULE)
            hint="How often Azure NetApp Files pulls changes from the source after the baseline." />
    }
}
