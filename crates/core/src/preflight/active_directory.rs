//! The NetApp account's Active Directory connection: SMB and dual-protocol migration volumes
//! join it, and NFS volumes with LDAP look users up through it. NFS volumes without LDAP don't
//! need it, so its absence blocks only when SMB is wanted.

use super::Verdict;
use crate::models::NetAppAccount;
use crate::validation::smb::{AdConnection, AD_CONNECTION_HOW_TO};

/// The verdict on the account's connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveDirectoryCheck {
    /// Overall.
    pub verdict: Verdict,
    /// What it means and what to do.
    pub message: String,
    /// What the account has.
    pub connection: AdConnection,
    /// Microsoft's how-to, when something is to be done.
    pub how_to: Option<&'static str>,
}

/// Evaluates `account`; `smb_wanted` when SMB or dual-protocol volumes (or LDAP) are planned.
#[must_use]
pub fn evaluate(account: &NetAppAccount, smb_wanted: bool) -> ActiveDirectoryCheck {
    let connection = AdConnection::of(account);
    let name = crate::models::short_name(&account.name);
    let (verdict, message, how_to) = match &connection {
        AdConnection::Joined(what) => (
            Verdict::Pass,
            format!(
                "NetApp account \"{name}\" has an Active Directory connection ({what}): SMB and \
                 dual-protocol volumes can be created in it."
            ),
            None,
        ),
        AdConnection::Missing if !smb_wanted => (
            Verdict::Warn,
            format!(
                "NetApp account \"{name}\" has no Active Directory connection. NFS volumes don't \
                 need one; SMB and dual-protocol volumes (and LDAP) do, so add it before you \
                 migrate an SMB share."
            ),
            Some(AD_CONNECTION_HOW_TO),
        ),
        AdConnection::Missing => (
            Verdict::Fail,
            format!(
                "NetApp account \"{name}\" has no Active Directory connection, which SMB and \
                 dual-protocol volumes need. Create one in the account's Active Directory \
                 connections (Join)."
            ),
            Some(AD_CONNECTION_HOW_TO),
        ),
        AdConnection::Broken(details) => (
            if smb_wanted { Verdict::Fail } else { Verdict::Warn },
            format!(
                "The Active Directory connection of NetApp account \"{name}\" reports an error: \
                 {details}. SMB and dual-protocol volumes can't be created until it is fixed."
            ),
            Some(AD_CONNECTION_HOW_TO),
        ),
        // AdConnection::of never says Unknown; a caller without the account has no check.
        AdConnection::Unknown => (Verdict::Unknown, "The account was not read.".into(), None),
    };
    ActiveDirectoryCheck { verdict, message, connection, how_to }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{ActiveDirectory, ActiveDirectoryStatus};

    fn account(ad: Option<ActiveDirectory>) -> NetAppAccount {
        let mut a = NetAppAccount { name: "anf-contoso".into(), ..NetAppAccount::default() };
        a.properties.active_directories = ad.map(|d| vec![d]);
        a
    }

    #[test]
    fn an_account_with_a_connection_passes() {
        let ad = ActiveDirectory {
            domain: Some("contoso.com".into()),
            smb_server_name: Some("ANF".into()),
            ..ActiveDirectory::default()
        };
        let c = evaluate(&account(Some(ad)), true);
        assert_eq!(c.verdict, Verdict::Pass);
        assert!(c.message.contains("contoso.com"), "{}", c.message);
        assert_eq!(c.how_to, None);
    }

    #[test]
    fn no_connection_fails_for_smb_and_links_to_the_how_to() {
        let c = evaluate(&account(None), true);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(c.message.contains("has no Active Directory connection"), "{}", c.message);
        assert_eq!(c.how_to, Some(AD_CONNECTION_HOW_TO));
        assert!(AD_CONNECTION_HOW_TO.starts_with("https://learn.microsoft.com/"));
        let nfs = evaluate(&account(None), false);
        assert_eq!(nfs.verdict, Verdict::Warn);
        assert!(nfs.message.contains("NFS volumes don't need one"), "{}", nfs.message);
    }

    #[test]
    fn a_broken_connection_says_why() {
        let ad = ActiveDirectory {
            status: Some(ActiveDirectoryStatus::Error),
            status_details: Some("the DNS servers don't answer".into()),
            ..ActiveDirectory::default()
        };
        let c = evaluate(&account(Some(ad)), true);
        assert_eq!(c.verdict, Verdict::Fail);
        assert!(c.message.contains("the DNS servers don't answer"), "{}", c.message);
    }
}
