//! Export policy rules: allowed clients and access flags.

use super::{fields, FieldError};
use crate::models::ExportPolicyRule;
use std::net::{IpAddr, Ipv4Addr};

/// Reads allowed clients: comma-separated IPv4 addresses, CIDRs (`10.0.0.0/24`), ranges
/// (`10.0.0.10-10.0.0.20`) or host names. Returns them joined by commas, as ARM expects.
///
/// # Errors
/// A [`FieldError`] on `allowedClients` naming each entry that is wrong.
pub fn validate_allowed_clients(text: &str) -> Result<String, FieldError> {
    let mut out: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for entry in text.split(|c: char| c == ',' || c.is_whitespace()).filter(|e| !e.is_empty()) {
        match check_entry(entry) {
            Ok(e) if out.contains(&e) => problems.push(format!("{e} is listed twice")),
            Ok(e) => out.push(e),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(FieldError::new(fields::ALLOWED_CLIENTS, format!("{}.", problems.join("; "))));
    }
    if out.is_empty() {
        return Err(FieldError::new(
            fields::ALLOWED_CLIENTS,
            "Enter at least one client: an IP address, a CIDR such as 10.0.0.0/24, or a range.",
        ));
    }
    Ok(out.join(","))
}

fn check_entry(entry: &str) -> Result<String, String> {
    if let Some((addr, bits)) = entry.split_once('/') {
        let ip = v4(addr).ok_or_else(|| format!("\"{entry}\": {addr} is not an IPv4 address"))?;
        let bits: u32 = bits
            .parse()
            .ok()
            .filter(|b| *b <= 32)
            .ok_or_else(|| format!("\"{entry}\": the prefix length must be 0 to 32"))?;
        let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
        let network = Ipv4Addr::from(u32::from(ip) & mask);
        if network != ip {
            return Err(format!("\"{entry}\" has host bits set; did you mean {network}/{bits}?"));
        }
        return Ok(format!("{ip}/{bits}"));
    }
    if let Some((a, b)) = entry.split_once('-') {
        if let (Some(first), Some(last)) = (v4(a), v4(b)) {
            if first > last {
                return Err(format!("\"{entry}\": the range ends before it starts"));
            }
            return Ok(format!("{first}-{last}"));
        }
    }
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return match ip {
            IpAddr::V4(v) => Ok(v.to_string()),
            IpAddr::V6(_) => Err(format!("{entry}: export rules take IPv4 addresses, not IPv6")),
        };
    }
    if is_host_name(entry) {
        return Ok(entry.to_ascii_lowercase());
    }
    Err(format!("\"{entry}\" is not an IPv4 address, CIDR, range or host name"))
}

fn v4(s: &str) -> Option<Ipv4Addr> {
    s.trim().parse().ok()
}

/// RFC 1123 host name; all-numeric dotted text is a mistyped address, not a name.
fn is_host_name(s: &str) -> bool {
    let labels_ok = s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    labels_ok && !s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Checks one rule against the volume's protocols: exactly one of read-only / read-write,
/// at least one protocol enabled, only protocols the volume has, valid allowed clients.
#[must_use]
pub fn validate_export_rule(
    rule: &ExportPolicyRule,
    volume_protocols: &[String],
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let ro = rule.unix_read_only.unwrap_or(false);
    let rw = rule.unix_read_write.unwrap_or(false);
    if ro == rw {
        errors.push(FieldError::new(
            fields::ACCESS,
            "Choose read-only or read-write access (one of them).",
        ));
    }
    let has = |p: &str| volume_protocols.iter().any(|v| v.eq_ignore_ascii_case(p));
    let enabled = [("NFSv3", rule.nfsv3), ("NFSv4.1", rule.nfsv41), ("CIFS", rule.cifs)];
    if !enabled.iter().any(|(_, on)| on.unwrap_or(false)) {
        errors.push(FieldError::new(fields::PROTOCOLS, "Allow at least one protocol in the rule."));
    }
    for (name, on) in enabled {
        if on.unwrap_or(false) && !has(name) {
            errors.push(FieldError::new(
                fields::PROTOCOLS,
                format!("The rule allows {name}, but the volume does not use {name}."),
            ));
        }
    }
    if let Err(e) = validate_allowed_clients(rule.allowed_clients.as_deref().unwrap_or("")) {
        errors.push(e);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_clients_forms() {
        assert_eq!(
            validate_allowed_clients(
                "10.0.0.0/24, 192.168.1.5 10.1.0.10-10.1.0.20,Client-01.corp.example"
            )
            .unwrap(),
            "10.0.0.0/24,192.168.1.5,10.1.0.10-10.1.0.20,client-01.corp.example"
        );
        assert_eq!(validate_allowed_clients("0.0.0.0/0").unwrap(), "0.0.0.0/0");
    }

    #[test]
    fn allowed_clients_mistakes() {
        let cases = [
            ("10.0.0.5/24", "did you mean 10.0.0.0/24"),
            ("10.0.0.0/33", "0 to 32"),
            ("10.0.0.20-10.0.0.10", "ends before it starts"),
            ("10.0.0.300", "is not an IPv4 address, CIDR, range or host name"),
            ("fd00::1", "not IPv6"),
            ("10.0.0.1,10.0.0.1", "listed twice"),
            ("", "at least one client"),
            ("bad_host!", "is not an IPv4"),
        ];
        for (input, msg) in cases {
            let e = validate_allowed_clients(input).unwrap_err();
            assert_eq!(e.field, fields::ALLOWED_CLIENTS);
            assert!(e.message.contains(msg), "{input}: {}", e.message);
        }
    }

    fn rule(ro: bool, rw: bool, v3: bool, v41: bool, clients: &str) -> ExportPolicyRule {
        ExportPolicyRule {
            unix_read_only: Some(ro),
            unix_read_write: Some(rw),
            nfsv3: Some(v3),
            nfsv41: Some(v41),
            allowed_clients: Some(clients.into()),
            ..ExportPolicyRule::default()
        }
    }

    #[test]
    fn rules_match_the_volume() {
        let nfs3 = vec!["NFSv3".to_owned()];
        assert!(
            validate_export_rule(&rule(false, true, true, false, "10.0.0.0/16"), &nfs3).is_empty()
        );
        let e = validate_export_rule(&rule(true, true, true, false, "10.0.0.0/16"), &nfs3);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field, fields::ACCESS);
        let e = validate_export_rule(&rule(false, true, false, true, "10.0.0.0/16"), &nfs3);
        assert!(e[0].message.contains("NFSv4.1"), "{e:?}");
        let e = validate_export_rule(&rule(false, true, false, false, "x..y"), &nfs3);
        assert_eq!(e.len(), 2, "{e:?}");
    }
}
