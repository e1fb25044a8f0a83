//! What a migration volume carries beyond an NFS volume on an auto-QoS pool: the SMB share
//! settings, the security style and LDAP (all create-only except the share settings, which
//! Volumes_Update can change), and the throughput a manual-QoS pool needs on each volume.
//!
//! Property names and types are the spec's (`VolumeProperties` in `netapp.json`, identical in
//! 2025-12-01 and 2026-04-01): `smbEncryption` and `smbContinuouslyAvailable` are booleans,
//! `smbAccessBasedEnumeration` and `smbNonBrowsable` are the strings `Enabled`/`Disabled`,
//! `securityStyle` is `ntfs`/`unix`, `ldapEnabled` a boolean, `throughputMibps` a number
//! ("accepted as input only for manual qosType volume").

use super::{SecurityStyle, ShareSetting, VolumeProperties};
use serde::{Deserialize, Serialize};

/// The share settings of an SMB or dual-protocol volume.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SmbShareSettings {
    /// Encrypt SMB 3 data in flight (`smbEncryption`).
    pub encryption: bool,
    /// Continuously available share (`smbContinuouslyAvailable`); the spec applies it to SMB
    /// volumes only, so it is never sent for a dual-protocol volume.
    pub continuously_available: bool,
    /// Users see only what they may open (`smbAccessBasedEnumeration`).
    pub access_based_enumeration: bool,
    /// The share is hidden from browsing (`smbNonBrowsable`).
    pub non_browsable: bool,
}

/// The optional part of a migration volume's PUT body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeOptions {
    /// Share settings; `Some` exactly for SMB and dual-protocol volumes.
    pub smb: Option<SmbShareSettings>,
    /// Security style; set for SMB and dual-protocol volumes (NFS volumes take the spec's
    /// default, unix, so nothing is sent).
    pub security_style: Option<SecurityStyle>,
    /// LDAP lookups for the NFS side (`ldapEnabled`), sent only when on.
    pub ldap_enabled: bool,
    /// Throughput in MiB/s on a manual-QoS pool; `None` on auto-QoS pools, where ARM would
    /// not take it.
    pub throughput_mibps: Option<f64>,
}

impl VolumeOptions {
    /// Nothing beyond a plain NFS volume on an auto-QoS pool.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Writes the options into a volume's properties. Only what is set is written, so an NFS
    /// volume's body is exactly what it was before these options existed.
    pub fn apply(&self, p: &mut VolumeProperties) {
        if let Some(smb) = &self.smb {
            let smb_only = p
                .protocol_types
                .as_deref()
                .is_some_and(|ps| ps.iter().all(|x| x.eq_ignore_ascii_case("CIFS")));
            p.smb_encryption = Some(smb.encryption);
            p.smb_continuously_available = smb_only.then_some(smb.continuously_available);
            p.smb_access_based_enumeration =
                Some(ShareSetting::from_bool(smb.access_based_enumeration));
            p.smb_non_browsable = Some(ShareSetting::from_bool(smb.non_browsable));
        }
        if let Some(style) = &self.security_style {
            p.security_style = Some(style.clone());
        }
        if self.ldap_enabled {
            p.ldap_enabled = Some(true);
        }
        if let Some(t) = self.throughput_mibps {
            p.throughput_mibps = Some(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(protocols: &[&str]) -> VolumeProperties {
        VolumeProperties {
            protocol_types: Some(protocols.iter().map(|p| (*p).to_owned()).collect()),
            ..VolumeProperties::default()
        }
    }

    #[test]
    fn an_smb_volume_gets_every_share_setting_in_the_spec_types() {
        let options = VolumeOptions {
            smb: Some(SmbShareSettings {
                encryption: true,
                continuously_available: true,
                access_based_enumeration: true,
                non_browsable: false,
            }),
            security_style: Some(SecurityStyle::Ntfs),
            ..VolumeOptions::default()
        };
        let mut p = props(&["CIFS"]);
        options.apply(&mut p);
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["smbEncryption"], json!(true));
        assert_eq!(v["smbContinuouslyAvailable"], json!(true));
        assert_eq!(v["smbAccessBasedEnumeration"], json!("Enabled"));
        assert_eq!(v["smbNonBrowsable"], json!("Disabled"));
        assert_eq!(v["securityStyle"], json!("ntfs"));
        assert!(v.get("ldapEnabled").is_none() && v.get("throughputMibps").is_none());
    }

    #[test]
    fn continuous_availability_is_never_sent_for_dual_protocol() {
        let options = VolumeOptions {
            smb: Some(SmbShareSettings { continuously_available: true, ..Default::default() }),
            security_style: Some(SecurityStyle::Unix),
            ldap_enabled: true,
            throughput_mibps: Some(64.0),
        };
        let mut p = props(&["NFSv3", "CIFS"]);
        options.apply(&mut p);
        assert_eq!(p.smb_continuously_available, None);
        assert_eq!(p.smb_encryption, Some(false));
        assert_eq!((p.ldap_enabled, p.throughput_mibps), (Some(true), Some(64.0)));
    }

    #[test]
    fn empty_options_change_nothing() {
        let mut p = props(&["NFSv3"]);
        VolumeOptions::default().apply(&mut p);
        assert_eq!(p, props(&["NFSv3"]));
        assert!(VolumeOptions::default().is_empty());
        assert!(!VolumeOptions { ldap_enabled: true, ..VolumeOptions::default() }.is_empty());
    }
}
