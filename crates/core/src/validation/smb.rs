//! SMB and dual-protocol migration volumes: what they need besides an NFS volume's fields.
//!
//! - The NetApp account's Active Directory connection: ANF joins each SMB server to that domain,
//!   so an SMB or dual-protocol volume (and LDAP on the NFS side, whose lookups go to the same
//!   domain's LDAP servers) can't be created without one. Microsoft's troubleshooting page for
//!   volumes quotes ANF's refusal as "This NetApp account has no configured Active Directory
//!   connections"; the way to add one is [`AD_CONNECTION_HOW_TO`].
//! - The share settings the spec offers on the volume: encryption, continuous availability
//!   (SMB volumes only: the spec says "Only applicable for SMB volume"), access-based
//!   enumeration and non-browsable.
//! - The security style: SMB volumes are NTFS; a dual-protocol volume is NTFS (the spec's
//!   default for it) or UNIX, chosen by who changes permissions (Windows or NFS clients).
//! - LDAP (`ldapEnabled`, create-only) for the NFS side of NFS and dual-protocol volumes.
//!
//! Settings that do not apply to the chosen protocols are left out of the body rather than
//! refused, so a draft keeps the person's choices when they switch protocol and back.

use super::{fields, FieldError};
use crate::models::{
    ActiveDirectoryStatus, NetAppAccount, SecurityStyle, SmbShareSettings, VolumeOptions,
};

/// Microsoft's how-to for creating an account's Active Directory connection.
pub const AD_CONNECTION_HOW_TO: &str =
    "https://learn.microsoft.com/en-us/azure/azure-netapp-files/create-active-directory-connections";

/// What is known of the NetApp account's Active Directory connection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AdConnection {
    /// Not read yet: nothing is refused for it.
    #[default]
    Unknown,
    /// The account has none.
    Missing,
    /// The account has one that reports an error (its `statusDetails`).
    Broken(String),
    /// The account has one, described for people (domain and SMB server prefix).
    Joined(String),
}

impl AdConnection {
    /// What `account` says about its connection.
    #[must_use]
    pub fn of(account: &NetAppAccount) -> Self {
        match account.active_directory() {
            None => Self::Missing,
            Some(ad) if ad.status == Some(ActiveDirectoryStatus::Error) => Self::Broken(
                ad.status_details.clone().unwrap_or_else(|| "no details given".to_owned()),
            ),
            Some(ad) => Self::Joined(ad.describe()),
        }
    }

    /// Why a volume that needs the connection can't be created, if it can't.
    #[must_use]
    pub fn problem(&self) -> Option<String> {
        match self {
            Self::Unknown | Self::Joined(_) => None,
            Self::Missing => Some(format!(
                "This NetApp account has no Active Directory connection, which SMB and \
                 dual-protocol volumes (and LDAP) need. Create one in the account's Active \
                 Directory connections (Join), then come back: {AD_CONNECTION_HOW_TO}"
            )),
            Self::Broken(details) => Some(format!(
                "The account's Active Directory connection reports an error ({details}). Fix \
                 it in the account's Active Directory connections: {AD_CONNECTION_HOW_TO}"
            )),
        }
    }
}

/// The SMB, security-style and LDAP choices, as picked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SmbForm {
    /// `ntfs` or `unix` (any case); empty for the protocol's default.
    pub security_style: String,
    /// SMB 3 encryption.
    pub encryption: bool,
    /// Continuously available share (SMB volumes only).
    pub continuously_available: bool,
    /// Access-based enumeration.
    pub access_based_enumeration: bool,
    /// Hidden from share browsing.
    pub non_browsable: bool,
    /// LDAP for the NFS side.
    pub ldap_enabled: bool,
}

/// Reads a security style for a volume with these protocols: `ntfs` (the default) for SMB;
/// `ntfs` (default) or `unix` for dual-protocol; nothing for NFS, which keeps the spec's unix.
///
/// # Errors
/// A [`FieldError`] on `securityStyle` for an unknown style or UNIX on an SMB volume.
pub fn parse_security_style(
    text: &str,
    protocols: &[String],
) -> Result<Option<SecurityStyle>, FieldError> {
    let has = |p: &str| protocols.iter().any(|x| x.eq_ignore_ascii_case(p));
    let smb = has("CIFS");
    let nfs = has("NFSv3") || has("NFSv4.1");
    if !smb {
        return Ok(None);
    }
    let style = match text.trim() {
        "" => SecurityStyle::Ntfs,
        t => SecurityStyle::parse(t),
    };
    let err = |m: String| Err(FieldError::new(fields::SECURITY_STYLE, m));
    match style {
        SecurityStyle::Other(t) => {
            err(format!("\"{}\" is not a security style; choose NTFS or UNIX.", t.trim()))
        }
        SecurityStyle::Unix if !nfs => err(
            "An SMB volume uses NTFS permissions; UNIX is for dual-protocol volumes, where NFS \
             clients set the permissions."
                .to_owned(),
        ),
        s => Ok(Some(s)),
    }
}

/// Checks the SMB, security-style and LDAP choices against the volume's protocols and the
/// account's Active Directory connection; returns what the PUT body carries.
///
/// # Errors
/// Every [`FieldError`] found: `securityStyle`, `smbContinuouslyAvailable` (on a dual-protocol
/// volume) and `activeDirectory` (needed but missing or broken).
pub fn validate_smb_options(
    protocols: &[String],
    form: &SmbForm,
    ad: &AdConnection,
) -> Result<VolumeOptions, Vec<FieldError>> {
    let has = |p: &str| protocols.iter().any(|x| x.eq_ignore_ascii_case(p));
    let smb = has("CIFS");
    let nfs = has("NFSv3") || has("NFSv4.1");
    let mut errors = Vec::new();
    let style = parse_security_style(&form.security_style, protocols)
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    if smb && nfs && form.continuously_available {
        errors.push(FieldError::new(
            fields::SMB_CONTINUOUSLY_AVAILABLE,
            "Continuous availability is for SMB volumes only, not dual-protocol ones; turn it \
             off or choose SMB.",
        ));
    }
    let ldap = nfs && form.ldap_enabled;
    if smb || ldap {
        if let Some(problem) = ad.problem() {
            errors.push(FieldError::new(fields::ACTIVE_DIRECTORY, problem));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(VolumeOptions {
        smb: smb.then_some(SmbShareSettings {
            encryption: form.encryption,
            continuously_available: form.continuously_available && !nfs,
            access_based_enumeration: form.access_based_enumeration,
            non_browsable: form.non_browsable,
        }),
        security_style: style,
        ldap_enabled: ldap,
        throughput_mibps: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ActiveDirectory;

    fn p(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    const JOINED: fn() -> AdConnection = || AdConnection::Joined("contoso.com".into());

    #[test]
    fn an_smb_volume_is_ntfs_with_its_share_settings() {
        let form = SmbForm { encryption: true, continuously_available: true, ..SmbForm::default() };
        let o = validate_smb_options(&p(&["CIFS"]), &form, &JOINED()).unwrap();
        assert_eq!(o.security_style, Some(SecurityStyle::Ntfs));
        let smb = o.smb.unwrap();
        assert!(smb.encryption && smb.continuously_available && !smb.non_browsable);
        let e = parse_security_style("unix", &p(&["CIFS"])).unwrap_err();
        assert_eq!(e.field, fields::SECURITY_STYLE);
        assert!(e.message.contains("dual-protocol"), "{}", e.message);
        assert!(parse_security_style("fat32", &p(&["CIFS"]))
            .unwrap_err()
            .message
            .contains("NTFS or UNIX"));
    }

    #[test]
    fn a_dual_protocol_volume_takes_either_style_but_not_continuous_availability() {
        let dual = p(&["NFSv4.1", "CIFS"]);
        let unix =
            SmbForm { security_style: "UNIX".into(), ldap_enabled: true, ..SmbForm::default() };
        let o = validate_smb_options(&dual, &unix, &JOINED()).unwrap();
        assert_eq!((o.security_style, o.ldap_enabled), (Some(SecurityStyle::Unix), true));
        assert_eq!(parse_security_style("", &dual).unwrap(), Some(SecurityStyle::Ntfs));
        let ca = SmbForm { continuously_available: true, ..SmbForm::default() };
        let e = validate_smb_options(&dual, &ca, &JOINED()).unwrap_err();
        assert_eq!(e[0].field, fields::SMB_CONTINUOUSLY_AVAILABLE);
    }

    #[test]
    fn smb_and_ldap_need_the_accounts_active_directory() {
        let e = validate_smb_options(&p(&["CIFS"]), &SmbForm::default(), &AdConnection::Missing)
            .unwrap_err();
        assert_eq!(e[0].field, fields::ACTIVE_DIRECTORY);
        assert!(e[0].message.contains("no Active Directory connection"), "{}", e[0].message);
        assert!(e[0].message.contains(AD_CONNECTION_HOW_TO));
        let ldap = SmbForm { ldap_enabled: true, ..SmbForm::default() };
        assert!(validate_smb_options(&p(&["NFSv3"]), &ldap, &AdConnection::Missing).is_err());
        let broken = AdConnection::Broken("DNS unreachable".into());
        let e = validate_smb_options(&p(&["CIFS"]), &SmbForm::default(), &broken).unwrap_err();
        assert!(e[0].message.contains("DNS unreachable"));
        // Not read yet: the form doesn't block on it (the pre-flight check reports it).
        assert!(validate_smb_options(&p(&["CIFS"]), &SmbForm::default(), &AdConnection::Unknown)
            .is_ok());
    }

    #[test]
    fn an_nfs_volume_carries_nothing_of_smb() {
        let all = SmbForm {
            security_style: "ntfs".into(),
            encryption: true,
            continuously_available: true,
            access_based_enumeration: true,
            non_browsable: true,
            ldap_enabled: false,
        };
        let o = validate_smb_options(&p(&["NFSv3"]), &all, &AdConnection::Missing).unwrap();
        assert!(o.is_empty(), "{o:?}");
    }

    #[test]
    fn reads_the_connection_from_the_account() {
        let mut account = NetAppAccount::default();
        assert_eq!(AdConnection::of(&account), AdConnection::Missing);
        account.properties.active_directories = Some(vec![ActiveDirectory {
            domain: Some("contoso.com".into()),
            status: Some(ActiveDirectoryStatus::Error),
            status_details: Some("bad password".into()),
            ..ActiveDirectory::default()
        }]);
        assert_eq!(AdConnection::of(&account), AdConnection::Broken("bad password".into()));
        account.properties.active_directories.as_mut().unwrap()[0].status = None;
        assert_eq!(AdConnection::of(&account), AdConnection::Joined("contoso.com".into()));
    }
}
