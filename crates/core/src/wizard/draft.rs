//! The new-migration form as the person fills it in: kept whole in sessionStorage, checked
//! whole by the core's validation, turned into the exact PUT body.

use super::new_migration::{suggest_quota, tab_of, FormTab, ProtocolChoice, SOURCE_SIZE};
use crate::api_version::ApiVersion;
use crate::migration_meta::MigrationMeta;
use crate::models::{MigrationVolumeSpec, ServiceLevel, Subnet, SubnetUsage, Volume};
use crate::validation::export_policy::validate_export_rule;
use crate::validation::migration::{
    validate_migration_volume, MigrationForm, TargetFacts, VolumeOptionsForm,
};
use crate::validation::network::validate_subnet;
use crate::validation::quota::{parse_source_size, validate_quota, SizeUnit};
use crate::validation::smb::SmbForm;
use crate::validation::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Everything typed or picked so far, as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewMigrationDraft {
    /// The open tab.
    pub tab: FormTab,
    /// Source: ONTAP cluster name.
    pub cluster_name: String,
    /// Source: SVM name.
    pub svm_name: String,
    /// Source: volume name.
    pub source_volume: String,
    /// Source: logical size, as typed.
    pub source_size: String,
    /// Unit of a bare number in `source_size` (TiB when true, GiB otherwise).
    pub source_size_tib: bool,
    /// Replication schedule (`_10minutely`, `hourly`, `daily`).
    pub schedule: String,
    /// ANF volume name.
    pub volume_name: String,
    /// File path (creation token).
    pub creation_token: String,
    /// The file path was typed (it no longer follows the volume name).
    pub creation_token_edited: bool,
    /// Quota as typed.
    pub quota: String,
    /// Unit of a bare number in `quota`.
    pub quota_tib: bool,
    /// The quota was typed (it no longer follows the suggestion).
    pub quota_edited: bool,
    /// Large volume.
    pub is_large_volume: bool,
    /// Service level.
    pub service_level: String,
    /// Virtual network id.
    pub vnet_id: String,
    /// Delegated subnet id.
    pub subnet_id: String,
    /// Protocol.
    pub protocol: ProtocolChoice,
    /// Export rule: allowed clients (empty: no export policy).
    pub allowed_clients: String,
    /// Export rule: read/write (read-only when false).
    pub read_write: bool,
    /// Export rule: root access.
    pub root_access: bool,
    /// Security style of a dual-protocol volume (`ntfs`, `unix`; empty for NTFS).
    pub security_style: String,
    /// SMB share: encryption.
    pub smb_encryption: bool,
    /// SMB share: continuously available (SMB volumes only).
    pub smb_continuously_available: bool,
    /// SMB share: access-based enumeration.
    pub smb_access_based_enumeration: bool,
    /// SMB share: hidden from browsing.
    pub smb_non_browsable: bool,
    /// LDAP for the NFS side.
    pub ldap_enabled: bool,
    /// Throughput in MiB/s, as typed (manual-QoS pools).
    pub throughput: String,
    /// Intercluster LIF addresses, as pasted.
    pub peer_addresses: String,
    /// Fields the person has left (their errors show).
    pub touched: BTreeSet<String>,
    /// The create operation being followed (an id of the app's operations).
    pub create_operation: Option<u64>,
    /// The volume id the create was sent for.
    pub volume_id: Option<String>,
    /// What to keep about the migration once the create succeeds (saved only then, so a
    /// failed create never overwrites another migration's record).
    pub pending_meta: Option<MigrationMeta>,
}

impl Default for NewMigrationDraft {
    fn default() -> Self {
        Self {
            tab: FormTab::Source,
            cluster_name: String::new(),
            svm_name: String::new(),
            source_volume: String::new(),
            source_size: String::new(),
            source_size_tib: false,
            schedule: "hourly".into(),
            volume_name: String::new(),
            creation_token: String::new(),
            creation_token_edited: false,
            quota: String::new(),
            quota_tib: false,
            quota_edited: false,
            is_large_volume: false,
            service_level: String::new(),
            vnet_id: String::new(),
            subnet_id: String::new(),
            protocol: ProtocolChoice::Nfsv3,
            allowed_clients: String::new(),
            read_write: true,
            root_access: true,
            security_style: String::new(),
            smb_encryption: false,
            smb_continuously_available: false,
            smb_access_based_enumeration: false,
            smb_non_browsable: false,
            ldap_enabled: false,
            throughput: String::new(),
            peer_addresses: String::new(),
            touched: BTreeSet::new(),
            create_operation: None,
            volume_id: None,
            pending_meta: None,
        }
    }
}

/// What the form does not hold but its checks need.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormContext {
    /// The client's api-version (the file path's pattern depends on it).
    pub api_version: ApiVersion,
    /// The pool's service level.
    pub pool_service_level: Option<ServiceLevel>,
    /// The account's region.
    pub location: String,
    /// The chosen subnet, when loaded.
    pub subnet: Option<Subnet>,
    /// Its free addresses, when known.
    pub subnet_usage: Option<SubnetUsage>,
    /// The names of the volumes already in the pool, once listed. A PUT to one of them would
    /// update that volume (Volumes_CreateOrUpdate): the name is refused at the field first.
    pub pool_volumes: Option<Vec<String>>,
}

/// The error for a volume name already used in the pool (names are case-insensitive in ARM).
fn name_taken(name: &str, pool_volumes: Option<&[String]>) -> Option<FieldError> {
    let taken = pool_volumes?.iter().any(|v| !name.is_empty() && v.eq_ignore_ascii_case(name));
    taken.then(|| {
        FieldError::new(
            crate::validation::fields::VOLUME_NAME,
            format!(
                "A volume named \"{name}\" already exists in this capacity pool. Choose another name: creating it would change that volume."
            ),
        )
    })
}

/// The form checked.
#[derive(Clone, Debug, PartialEq)]
pub struct FormCheck {
    /// Every blocking problem, in tab order.
    pub errors: Vec<FieldError>,
    /// Remarks that do not block.
    pub warnings: Vec<FieldError>,
    /// The request, when nothing blocks.
    pub request: Option<CreateRequest>,
}

impl FormCheck {
    /// The first error of a field.
    #[must_use]
    pub fn error_of(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    /// The first warning of a field.
    #[must_use]
    pub fn warning_of(&self, field: &str) -> Option<&str> {
        self.warnings.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

/// The create request that would be sent.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateRequest {
    /// The volume's name.
    pub volume_name: String,
    /// What `create_migration_volume` sends (see [`CreateRequest::volume`] for the body).
    pub spec: MigrationVolumeSpec,
    /// The source's logical size in bytes.
    pub source_logical_bytes: u64,
    /// Intercluster addresses, for the peering wizard.
    pub peer_addresses: Vec<String>,
}

impl CreateRequest {
    /// The PUT body, exactly as it will be sent.
    #[must_use]
    pub fn volume(&self) -> Volume {
        self.spec.to_volume()
    }
}

impl NewMigrationDraft {
    /// Sets the volume name; the file path follows it until typed.
    pub fn set_volume_name(&mut self, name: String) {
        if !self.creation_token_edited {
            self.creation_token.clone_from(&name);
        }
        self.volume_name = name;
    }

    /// Sets the source's size; the quota follows the suggestion until typed.
    pub fn set_source_size(&mut self, text: String, tib: bool) {
        self.source_size = text;
        self.source_size_tib = tib;
        if !self.quota_edited {
            if let Some(s) = self.source_bytes().and_then(suggest_quota) {
                self.quota = s.gib.to_string();
                self.quota_tib = false;
            }
        }
    }

    /// The source's logical size in bytes, if it reads.
    #[must_use]
    pub fn source_bytes(&self) -> Option<u64> {
        parse_source_size(&self.source_size, self.size_unit(self.source_size_tib), SOURCE_SIZE).ok()
    }

    fn size_unit(&self, tib: bool) -> SizeUnit {
        if tib {
            SizeUnit::TiB
        } else {
            SizeUnit::GiB
        }
    }

    /// Marks every field as left, so all errors show (on Review).
    pub fn touch_all(&mut self, errors: &[FieldError]) {
        self.touched.extend(errors.iter().map(|e| e.field.to_owned()));
    }

    /// Whether the error of `field` should show now.
    #[must_use]
    pub fn shows_error(&self, field: &str) -> bool {
        self.touched.contains(field) || self.tab == FormTab::Review
    }

    /// The core's form for this draft.
    #[must_use]
    pub fn to_form(&self, ctx: &FormContext) -> MigrationForm {
        MigrationForm {
            volume_name: self.volume_name.clone(),
            creation_token: self.creation_token.clone(),
            size: self.quota.clone(),
            size_in_tib: self.quota_tib,
            is_large_volume: self.is_large_volume,
            source_logical_bytes: self.source_bytes(),
            cluster_name: self.cluster_name.clone(),
            svm_name: self.svm_name.clone(),
            source_volume: self.source_volume.clone(),
            peer_addresses: self.peer_addresses.clone(),
            schedule: self.schedule.clone(),
            service_level: self.service_level.clone(),
            pool_service_level: ctx.pool_service_level.clone(),
            protocols: self.protocol.protocol_types(),
            allowed_clients: self.allowed_clients.clone(),
            subnet_id: self.subnet_id.clone(),
            location: ctx.location.clone(),
        }
    }

    /// The SMB choices and the throughput for the core's checks.
    #[must_use]
    pub fn to_options_form(&self) -> VolumeOptionsForm {
        VolumeOptionsForm { smb: self.to_smb_form(), throughput: self.throughput.clone() }
    }

    /// The SMB, security-style and LDAP choices for the core's checks.
    #[must_use]
    pub fn to_smb_form(&self) -> SmbForm {
        SmbForm {
            security_style: self.security_style.clone(),
            encryption: self.smb_encryption,
            continuously_available: self.smb_continuously_available,
            access_based_enumeration: self.smb_access_based_enumeration,
            non_browsable: self.smb_non_browsable,
            ldap_enabled: self.ldap_enabled,
        }
    }

    /// [`NewMigrationDraft::check_with`] knowing nothing of the target account and pool: an SMB
    /// volume is not refused for a missing Active Directory connection (the pre-flight reports
    /// it), and no throughput is asked for.
    #[must_use]
    pub fn check(&self, ctx: &FormContext) -> FormCheck {
        self.check_with(ctx, &TargetFacts::default())
    }

    /// Checks everything with the core's validation, with what is known of the target account
    /// (its Active Directory connection) and pool (manual QoS and the throughput left), and
    /// builds the request when nothing blocks.
    #[must_use]
    pub fn check_with(&self, ctx: &FormContext, target: &TargetFacts) -> FormCheck {
        let mut errors = Vec::new();
        let source =
            parse_source_size(&self.source_size, self.size_unit(self.source_size_tib), SOURCE_SIZE);
        if let Err(e) = &source {
            errors.push(e.clone());
        }
        if let Some(subnet) = &ctx.subnet {
            errors.extend(validate_subnet(subnet, ctx.subnet_usage.as_ref()));
        }
        if let Some(e) = name_taken(self.volume_name.trim(), ctx.pool_volumes.as_deref()) {
            errors.push(e);
        }
        let mut warnings = Vec::new();
        let mut request = None;
        let form = self.to_form(ctx);
        match validate_migration_volume(&form, &self.to_options_form(), target, ctx.api_version) {
            Err(mut e) => {
                errors.append(&mut e);
                // The headroom advice belongs beside the quota as soon as both sizes are known,
                // not only once every other field is right.
                let quota = validate_quota(
                    &self.quota,
                    self.size_unit(self.quota_tib),
                    self.is_large_volume,
                    self.source_bytes(),
                );
                warnings.extend(quota.ok().and_then(|q| q.warning));
            }
            Ok(mut valid) => {
                warnings.append(&mut valid.warnings);
                if let Some(policy) = valid.spec.export_policy.as_mut() {
                    for rule in &mut policy.rules {
                        rule.unix_read_write = Some(self.read_write);
                        rule.unix_read_only = Some(!self.read_write);
                        rule.has_root_access = Some(self.root_access);
                        errors.extend(validate_export_rule(rule, &valid.spec.protocol_types));
                    }
                }
                if let (true, Ok(bytes)) = (errors.is_empty(), &source) {
                    request = Some(CreateRequest {
                        volume_name: valid.volume_name,
                        spec: valid.spec,
                        source_logical_bytes: *bytes,
                        peer_addresses: valid.peer_addresses,
                    });
                }
            }
        }
        // Tab order, then the core's order within a tab.
        errors.sort_by_key(|e| FormTab::ALL.iter().position(|t| *t == tab_of(e.field)));
        FormCheck { errors, warnings, request }
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
