//! What an SMB or dual-protocol migration volume needs beyond NFS: the NetApp account's Active
//! Directory connection, the share's settings, the security style, and LDAP for the NFS side.

use super::{control_id, FormState};
use crate::components::field::select_field::SelectField;
use anf_core::validation::fields;
use anf_core::validation::smb::{AdConnection, AD_CONNECTION_HOW_TO};
use leptos::prelude::*;

/// The account's Active Directory connection, the SMB share settings and the security style;
/// shown only for protocols with SMB. LDAP shows for every protocol with NFS.
#[component]
pub fn SmbFields(
    /// The form.
    form: FormState,
    /// The account's Active Directory connection, as read.
    #[prop(into)]
    ad: Signal<AdConnection>,
) -> impl IntoView {
    let draft = form.draft;
    let smb = Signal::derive(move || draft.with(|d| d.protocol.has_smb()));
    let nfs = Signal::derive(move || draft.with(|d| d.protocol.has_nfs()));
    let dual = Signal::derive(move || draft.with(|d| d.protocol.chooses_security_style()));
    let ad_error = form.error(fields::ACTIVE_DIRECTORY);
    let styles = Signal::derive(move || {
        let mut list = vec![("ntfs".to_owned(), "NTFS".to_owned())];
        if dual.get() {
            list.push(("unix".to_owned(), "UNIX".to_owned()));
        }
        list
    });
    let checkbox =
        move |id: &'static str,
              label: &'static str,
              hint: &'static str,
              get: fn(&anf_core::wizard::draft::NewMigrationDraft) -> bool,
              set: fn(&mut anf_core::wizard::draft::NewMigrationDraft, bool)| {
            let error = form.error(id);
            let control = control_id(id);
            let error_id = format!("{control}-error");
            let hint_id = format!("{control}-hint");
            view! {
                <div class="field">
                    <label class="cluster">
                        <input type="checkbox" id=control.clone()
                            aria-describedby=format!("{hint_id} {error_id}")
                            prop:checked=move || draft.with(get)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                draft.update(|d| set(d, on));
                            } />
                        {label}
                    </label>
                    <p id=hint_id class="field-hint">{hint}</p>
                    <p id=error_id class="field-error" aria-live="polite">{move || error.get()}</p>
                </div>
            }
        };
    view! {
        <Show when=move || smb.get()>
            <section class="stack" aria-labelledby="nm-smb-heading" data-smb-settings>
                <h3 id="nm-smb-heading">"SMB share"</h3>
                <div class="field" id=control_id(fields::ACTIVE_DIRECTORY)>
                    <span class="field-label">"Active Directory connection"</span>
                    {move || match ad.get() {
                        AdConnection::Unknown => view! { <p class="muted" role="status">"Reading the NetApp account's Active Directory connection…"</p> }.into_any(),
                        AdConnection::Joined(what) => view! { <p data-ad="joined">"The account's connection: " <span class="mono">{what}</span>". The share joins this domain."</p> }.into_any(),
                        AdConnection::Missing => view! {
                            <p data-ad="missing">"This NetApp account has no Active Directory connection, which SMB and dual-protocol volumes need. "
                                <a href=AD_CONNECTION_HOW_TO target="_blank" rel="noopener">"Create one for the account"</a>
                                " (Azure portal: the NetApp account, Active Directory connections, Join), then come back; or choose NFS."</p>
                        }.into_any(),
                        AdConnection::Broken(details) => view! {
                            <p data-ad="broken">"The account's Active Directory connection reports an error: " {details} ". "
                                <a href=AD_CONNECTION_HOW_TO target="_blank" rel="noopener">"How to fix the connection"</a></p>
                        }.into_any(),
                    }}
                    <p id=format!("{}-error", control_id(fields::ACTIVE_DIRECTORY)) class="field-error" aria-live="polite">{move || ad_error.get()}</p>
                </div>
                <SelectField id=control_id(fields::SECURITY_STYLE) label="Security style"
                    value=Signal::derive(move || draft.with(|d| if d.security_style.is_empty() { "ntfs".to_owned() } else { d.security_style.to_ascii_lowercase() }))
                    options=styles
                    on_change=form.set(|d, v| d.security_style = v)
                    on_blur=form.touch(fields::SECURITY_STYLE)
                    error=form.error(fields::SECURITY_STYLE)
                    hint=Signal::derive(move || Some(if dual.get() {
                        "Who sets the permissions: NTFS (Windows ACLs, SMB clients) or UNIX (mode bits, NFS clients). Choose what the source volume uses.".to_owned()
                    } else {
                        "An SMB volume uses NTFS permissions.".to_owned()
                    })) />
                {checkbox(fields::SMB_ENCRYPTION, "SMB3 protocol encryption", "Encrypts SMB traffic in flight; clients without SMB3 encryption can't connect.", |d| d.smb_encryption, |d, on| d.smb_encryption = on)}
                <Show when=move || !dual.get()>
                    {checkbox(fields::SMB_CONTINUOUSLY_AVAILABLE, "Continuously available share", "For SQL Server and FSLogix profile containers; not for ordinary file shares.", |d| d.smb_continuously_available, |d, on| d.smb_continuously_available = on)}
                </Show>
                {checkbox(fields::SMB_ACCESS_BASED_ENUMERATION, "Access-based enumeration", "Users see only the files and folders they may open.", |d| d.smb_access_based_enumeration, |d, on| d.smb_access_based_enumeration = on)}
                {checkbox(fields::SMB_NON_BROWSABLE, "Hide the share (non-browsable)", "The share doesn't show in the network browser; clients reach it by its path.", |d| d.smb_non_browsable, |d, on| d.smb_non_browsable = on)}
            </section>
        </Show>
        <Show when=move || nfs.get()>
            {checkbox(fields::LDAP, "LDAP for NFS", "Resolve NFS users and groups through the account's Active Directory (LDAP). Needs the connection.", |d| d.ldap_enabled, |d, on| d.ldap_enabled = on)}
        </Show>
    }
}
