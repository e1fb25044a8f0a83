//! Network and protocol: delegated subnet, protocol, export policy and the source's
//! intercluster addresses.

use super::smb_fields::SmbFields;
use super::subnet_options::SubnetOption;
use super::{control_id, described_by, FormState};
use crate::components::field::select_field::SelectField;
use crate::components::field::text_field::TextField;
use crate::components::field::textarea_field::TextareaField;
use anf_core::validation::fields;
use anf_core::validation::smb::AdConnection;
use anf_core::wizard::new_migration::ProtocolChoice;
use leptos::prelude::*;

/// Virtual network and subnet (delegated ones only, with free IPs), protocol, export policy
/// rule and intercluster LIF addresses.
#[component]
pub fn NetworkTab(
    /// The form.
    form: FormState,
    /// Delegated subnets found.
    #[prop(into)]
    subnets: Signal<Vec<SubnetOption>>,
    /// Why the list is empty or incomplete (loading, an error), if so.
    #[prop(into)]
    subnets_status: Signal<Option<String>>,
    /// The NetApp account's Active Directory connection (SMB and dual-protocol need one).
    #[prop(into)]
    ad: Signal<AdConnection>,
) -> impl IntoView {
    let draft = form.draft;
    let vnets = Signal::derive(move || {
        let mut list: Vec<(String, String)> = Vec::new();
        for o in subnets.get() {
            if !list.iter().any(|(id, _)| *id == o.vnet_id) {
                list.push((o.vnet_id.clone(), format!("{} ({})", o.vnet_name, o.location)));
            }
        }
        list
    });
    let subnet_choices = Signal::derive(move || {
        let vnet = draft.with(|d| d.vnet_id.clone());
        subnets
            .get()
            .into_iter()
            .filter(|o| o.vnet_id.eq_ignore_ascii_case(&vnet))
            .map(|o| (o.subnet.id.clone(), o.label()))
            .collect::<Vec<_>>()
    });
    let subnet_hint = Signal::derive(move || {
        Some(subnets_status.get().unwrap_or_else(|| {
            "Only subnets delegated to Microsoft.NetApp/volumes are listed. Migration needs at least 7 free IPs (6 for peering, 1 for data).".to_owned()
        }))
    });
    let protocols = Signal::derive(|| {
        ProtocolChoice::ALL
            .into_iter()
            .map(|c| (c.key().to_owned(), c.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let access_error = form.error(fields::ACCESS);
    view! {
        <SelectField id="nm-vnet" label="Virtual network"
            value=form.text(|d| &d.vnet_id)
            options=vnets
            placeholder="Choose a virtual network"
            on_change=Callback::new(move |v: String| draft.update(|d| {
                if !d.vnet_id.eq_ignore_ascii_case(&v) { d.subnet_id.clear(); }
                d.vnet_id = v;
            }))
            on_blur=form.touch(fields::SUBNET)
            error=Signal::derive(|| None::<String>)
            hint="Virtual networks of the subscription that have a delegated subnet." />
        <SelectField id=control_id(fields::SUBNET) label="Delegated subnet"
            value=form.text(|d| &d.subnet_id)
            options=subnet_choices
            placeholder="Choose a delegated subnet"
            on_change=form.set(|d, v| d.subnet_id = v)
            on_blur=form.touch(fields::SUBNET)
            error=form.error(fields::SUBNET)
            hint=subnet_hint />
        <SelectField id=control_id(fields::PROTOCOLS) label="Protocol"
            value=Signal::derive(move || draft.with(|d| d.protocol.key().to_owned()))
            options=protocols
            on_change=Callback::new(move |v: String| draft.update(|d| d.protocol = ProtocolChoice::from_key(&v)))
            on_blur=form.touch(fields::PROTOCOLS)
            error=form.error(fields::PROTOCOLS)
            hint="As the source volume is shared: NFS, SMB, or both (dual-protocol). SMB needs the NetApp account's Active Directory connection." />
        <SmbFields form ad />
        <fieldset class="stack">
            <legend>"Export policy rule"</legend>
            <TextField id=control_id(fields::ALLOWED_CLIENTS) label="Allowed clients" mono=true
                value=form.text(|d| &d.allowed_clients)
                on_input=form.set(|d, v| d.allowed_clients = v)
                on_blur=form.touch(fields::ALLOWED_CLIENTS)
                error=form.error(fields::ALLOWED_CLIENTS)
                hint="Comma-separated IPv4 addresses, CIDRs (10.0.0.0/24), ranges or host names. Leave empty to add export rules later." />
            <div class="field" role="radiogroup" id=control_id(fields::ACCESS) aria-labelledby="nm-access-label"
                aria-describedby=move || described_by(&control_id(fields::ACCESS), false, false, access_error.with(Option::is_some))>
                <span id="nm-access-label" class="field-label">"Access"</span>
                <label class="cluster">
                    <input type="radio" name="nm-access" value="rw"
                        prop:checked=move || draft.with(|d| d.read_write)
                        on:change=move |_| draft.update(|d| d.read_write = true) />
                    "Read & write"
                </label>
                <label class="cluster">
                    <input type="radio" name="nm-access" value="ro"
                        prop:checked=move || draft.with(|d| !d.read_write)
                        on:change=move |_| draft.update(|d| d.read_write = false) />
                    "Read only"
                </label>
                <p id=format!("{}-error", control_id(fields::ACCESS)) class="field-error" aria-live="polite">{move || access_error.get()}</p>
            </div>
            <div class="field">
                <label class="cluster">
                    <input type="checkbox" id="nm-root-access"
                        prop:checked=move || draft.with(|d| d.root_access)
                        on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| d.root_access = on); } />
                    "Root access"
                </label>
                <p class="field-hint">"Whether root on the allowed clients acts as root on the volume."</p>
            </div>
        </fieldset>
        <TextareaField id=control_id(fields::PEER_ADDRESSES) label="Intercluster LIF addresses of the source cluster"
            value=form.text(|d| &d.peer_addresses)
            on_input=form.set(|d, v| d.peer_addresses = v)
            on_blur=form.touch(fields::PEER_ADDRESSES)
            error=form.error(fields::PEER_ADDRESSES)
            placeholder="192.168.10.21\n192.168.10.22"
            hint="One address per node, one per line or as a list. On ONTAP: network interface show -service-policy default-intercluster. The peering step uses them." />
    }
}
