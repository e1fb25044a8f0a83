//! The NetApp account's Active Directory connection, which SMB and dual-protocol migration
//! volumes (and NFS with LDAP) need.

use super::check_item::CheckItem;
use crate::arm::context::use_arm;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::state::operations::arm_error_of;
use anf_core::ids::AccountId;
use anf_core::preflight::active_directory::evaluate;
use anf_core::preflight::Verdict;
use leptos::prelude::*;

/// The Active Directory check for `account`. Not knowing which protocols will be migrated, a
/// missing connection is a warning here; the new-migration form refuses SMB without one.
#[component]
pub fn ActiveDirectoryCheck(
    /// The chosen NetApp account.
    account: AccountId,
) -> impl IntoView {
    let arm = use_arm();
    let account = StoredValue::new(account);
    let check = LocalResource::new(move || {
        let client = arm.client();
        let id = account.get_value();
        async move {
            let accounts = client.list_accounts(&id.resource_group_id()).await?;
            Ok::<_, anf_core::arm::ClientError>(
                accounts
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&id.account))
                    .map(|a| evaluate(a, false)),
            )
        }
    });
    let verdict = Signal::derive(move || {
        check.get().map(|r| match r {
            Ok(Some(c)) => c.verdict,
            _ => Verdict::Unknown,
        })
    });
    view! {
        <CheckItem
            id="active-directory"
            title="Active Directory connection (SMB and dual-protocol)"
            verdict
            why="An SMB or dual-protocol migration volume joins the NetApp account's Active Directory domain; without a connection, Azure refuses to create it."
        >
            {move || match check.get() {
                None => view! { <p role="status">"Reading the NetApp account…"</p> }.into_any(),
                Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                Some(Ok(None)) => view! { <p>"The NetApp account of the scope was not found."</p> }.into_any(),
                Some(Ok(Some(c))) => view! {
                    <p data-ad-check=format!("{:?}", c.verdict)>{c.message.clone()}</p>
                    {c.how_to.map(|href| view! {
                        <p><a href=href target="_blank" rel="noopener">"How to create an Active Directory connection"</a></p>
                    })}
                }.into_any(),
            }}
        </CheckItem>
    }
}
