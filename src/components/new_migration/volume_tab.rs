//! Volume: the Azure NetApp Files volume's name, file path, quota and service level.

use super::throughput_field::ThroughputField;
use super::{control_id, FormState};
use crate::components::field::select_field::SelectField;
use crate::components::field::text_field::TextField;
use anf_core::models::ServiceLevel;
use anf_core::validation::fields;
use anf_core::validation::throughput::PoolQos;
use anf_core::wizard::new_migration::suggest_quota;
use leptos::prelude::*;

/// Volume name, file path (creation token), quota with the suggestion, large volume and
/// service level (the pool's).
#[component]
pub fn VolumeTab(
    /// The form.
    form: FormState,
    /// The capacity pool's name and service level, once known.
    #[prop(into)]
    pool: Signal<Option<(String, Option<ServiceLevel>)>>,
    /// The pool's quality of service, once read (manual QoS asks for the throughput).
    #[prop(into)]
    qos: Signal<Option<PoolQos>>,
) -> impl IntoView {
    let draft = form.draft;
    let quota_hint = Signal::derive(move || {
        let suggestion = draft.with(|d| d.source_bytes()).and_then(suggest_quota);
        Some(match suggestion {
            Some(s) => format!("Suggested: {} GiB. {}", s.gib, s.reason),
            None => "Enter the source volume's logical size on the Source tab to get a suggestion (20% over it).".to_owned(),
        })
    });
    let unit = Signal::derive(move || draft.with(|d| if d.quota_tib { "tib" } else { "gib" }));
    let levels = Signal::derive(|| {
        ServiceLevel::KNOWN
            .iter()
            .map(|l| (l.as_str().to_owned(), l.as_str().to_owned()))
            .collect::<Vec<_>>()
    });
    let level_hint = Signal::derive(move || {
        Some(match pool.get() {
            Some((name, Some(level))) => {
                format!("Capacity pool {name} is {level}; a volume has its pool's service level.")
            }
            Some((name, None)) => format!("Capacity pool {name} did not say its service level."),
            None => "Reading the capacity pool…".to_owned(),
        })
    });
    view! {
        <TextField id=control_id(fields::VOLUME_NAME) label="Volume name" mono=true
            value=form.text(|d| &d.volume_name)
            on_input=Callback::new(move |v| draft.update(|d| d.set_volume_name(v)))
            on_blur=form.touch(fields::VOLUME_NAME)
            error=form.error(fields::VOLUME_NAME)
            hint="The Azure NetApp Files volume that receives the data: a letter, then letters, digits, - and _ (up to 64)." />
        <TextField id=control_id(fields::CREATION_TOKEN) label="File path" mono=true
            value=form.text(|d| &d.creation_token)
            on_input=Callback::new(move |v| draft.update(|d| { d.creation_token = v; d.creation_token_edited = true; }))
            on_blur=form.touch(fields::CREATION_TOKEN)
            error=form.error(fields::CREATION_TOKEN)
            hint="The export path clients mount (creation token), unique in the subscription and region. It follows the volume name until you change it." />
        <TextField id=control_id(fields::QUOTA) label="Quota"
            value=form.text(|d| &d.quota)
            on_input=Callback::new(move |v| draft.update(|d| { d.quota = v; d.quota_edited = true; }))
            on_blur=form.touch(fields::QUOTA)
            error=form.error(fields::QUOTA)
            warning=form.warning(fields::QUOTA)
            hint=quota_hint>
            <select aria-label="Unit of the quota"
                on:change=move |ev| {
                    let tib = event_target_value(&ev) == "tib";
                    draft.update(|d| { d.quota_tib = tib; d.quota_edited = true; });
                }>
                <option value="gib" selected=move || unit.get() == "gib">"GiB"</option>
                <option value="tib" selected=move || unit.get() == "tib">"TiB"</option>
            </select>
        </TextField>
        <div class="field">
            <label class="cluster">
                <input type="checkbox" id="nm-large-volume"
                    prop:checked=move || draft.with(|d| d.is_large_volume)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| d.is_large_volume = on);
                    } />
                "Large volume"
            </label>
            <p class="field-hint">"Regular volumes go up to 100 TiB; large volumes start at 2400 GiB. A FlexGroup source can't be migrated to a large volume."</p>
        </div>
        <SelectField id=control_id(fields::SERVICE_LEVEL) label="Service level"
            value=form.text(|d| &d.service_level)
            options=levels
            placeholder="Choose a service level"
            on_change=form.set(|d, v| d.service_level = v)
            on_blur=form.touch(fields::SERVICE_LEVEL)
            error=form.error(fields::SERVICE_LEVEL)
            hint=level_hint />
        <ThroughputField form qos />
    }
}
