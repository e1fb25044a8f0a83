//! Throughput of a volume in a manual-QoS capacity pool.
//!
//! On a manual-QoS pool (`qosType: Manual`; Flexible pools are always manual) each volume is
//! given its own `throughputMibps`, out of the pool's `totalThroughputMibps`; what the pool's
//! volumes already have is its `utilizedThroughputMibps`. So a new volume needs a throughput
//! above zero and at most the difference. On an auto-QoS pool throughput follows the quota and
//! service level, and the spec takes `throughputMibps` "as input only for manual qosType
//! volume": nothing is sent.

use super::{fields, FieldError};
use crate::models::CapacityPool;

/// What the form needs of the chosen pool's quality of service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolQos {
    /// The pool's own name, for messages.
    pub name: String,
    /// Manual QoS: each volume needs a throughput.
    pub manual: bool,
    /// `totalThroughputMibps`, when ARM reported it.
    pub total_mibps: Option<f64>,
    /// `utilizedThroughputMibps`, when ARM reported it.
    pub utilized_mibps: Option<f64>,
}

impl PoolQos {
    /// The QoS facts of `pool`.
    #[must_use]
    pub fn of(pool: &CapacityPool) -> Self {
        Self {
            name: pool.short_name().to_owned(),
            manual: pool.properties.is_manual_qos(),
            total_mibps: pool.properties.total_throughput_mibps,
            utilized_mibps: pool.properties.utilized_throughput_mibps,
        }
    }

    /// Throughput not given to any volume yet; `None` unless the total is known.
    #[must_use]
    pub fn unallocated_mibps(&self) -> Option<f64> {
        let total = self.total_mibps?;
        Some((total - self.utilized_mibps.unwrap_or(0.0)).max(0.0))
    }

    /// "27.5 of 128 MiB/s unallocated" for the field's hint; `None` unless the total is known.
    #[must_use]
    pub fn hint(&self) -> Option<String> {
        let left = self.unallocated_mibps()?;
        Some(format!(
            "{} of the pool's {} MiB/s are unallocated.",
            mibps(left),
            mibps(self.total_mibps.unwrap_or_default())
        ))
    }
}

/// A throughput for messages: whole numbers without decimals, others with up to two.
#[must_use]
pub fn mibps(x: f64) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Reads the throughput typed for a volume in `pool` (`"64"`, `"64.5"`, `"64 MiB/s"`).
/// `Ok(None)` when the pool is not known to use manual QoS: nothing is sent then.
///
/// # Errors
/// A [`FieldError`] on `throughputMibps` when the pool uses manual QoS and the text is empty,
/// not a number, not above zero, or more than the pool has left.
pub fn validate_throughput(text: &str, pool: Option<&PoolQos>) -> Result<Option<f64>, FieldError> {
    let Some(pool) = pool.filter(|p| p.manual) else { return Ok(None) };
    let err = |m: String| Err(FieldError::new(fields::THROUGHPUT, m));
    let left = pool.hint().map(|h| format!(" {h}")).unwrap_or_default();
    let t = text.trim().to_ascii_lowercase();
    let number =
        ["mib/s", "mibps", "mb/s"].iter().find_map(|u| t.strip_suffix(u)).unwrap_or(&t).trim();
    if number.is_empty() {
        return err(format!(
            "Capacity pool \"{}\" uses manual QoS: enter the volume's throughput in MiB/s.{left}",
            pool.name
        ));
    }
    let Ok(value) = number.parse::<f64>() else {
        return err(format!("\"{}\" is not a throughput; enter MiB/s, such as 64.", text.trim()));
    };
    if !value.is_finite() || value <= 0.0 {
        return err(format!("The throughput must be more than 0 MiB/s.{left}"));
    }
    if let Some(free) = pool.unallocated_mibps() {
        if value > free {
            return err(format!(
                "Only {} MiB/s of capacity pool \"{}\"'s {} MiB/s are unallocated; choose at \
                 most {} MiB/s, or give the pool more throughput.",
                mibps(free),
                pool.name,
                mibps(pool.total_mibps.unwrap_or_default()),
                mibps(free)
            ));
        }
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::netapp::PoolProperties;

    fn manual(total: f64, used: f64) -> PoolQos {
        PoolQos {
            name: "pool-manual".into(),
            manual: true,
            total_mibps: Some(total),
            utilized_mibps: Some(used),
        }
    }

    #[test]
    fn a_manual_pool_needs_a_throughput_within_what_is_left() {
        let pool = manual(128.0, 100.5);
        assert_eq!(validate_throughput("27.5", Some(&pool)), Ok(Some(27.5)));
        assert_eq!(validate_throughput(" 16 MiB/s ", Some(&pool)), Ok(Some(16.0)));
        let e = validate_throughput("28", Some(&pool)).unwrap_err();
        assert_eq!(e.field, fields::THROUGHPUT);
        assert!(e.message.contains("Only 27.5 MiB/s"), "{}", e.message);
        assert!(e.message.contains("128 MiB/s"), "{}", e.message);
        let e = validate_throughput("", Some(&pool)).unwrap_err();
        assert!(e.message.contains("manual QoS"), "{}", e.message);
        assert!(e.message.contains("27.5 of the pool's 128 MiB/s"), "{}", e.message);
        assert!(validate_throughput("0", Some(&pool)).unwrap_err().message.contains("more than 0"));
        assert!(validate_throughput("-3", Some(&pool)).is_err());
        assert!(validate_throughput("fast", Some(&pool)).unwrap_err().message.contains("\"fast\""));
    }

    #[test]
    fn an_auto_pool_or_an_unknown_one_takes_none() {
        let auto = PoolQos { manual: false, ..manual(128.0, 0.0) };
        assert_eq!(validate_throughput("64", Some(&auto)), Ok(None));
        assert_eq!(validate_throughput("", None), Ok(None));
        // Manual with no totals reported: only the lower bound is checked.
        let bare = PoolQos { manual: true, ..PoolQos::default() };
        assert_eq!(validate_throughput("4000", Some(&bare)), Ok(Some(4000.0)));
        assert_eq!(bare.hint(), None);
    }

    #[test]
    fn reads_the_pool() {
        let pool = CapacityPool {
            name: "acc/pool-manual".into(),
            properties: PoolProperties {
                qos_type: Some("Manual".into()),
                total_throughput_mibps: Some(256.0),
                utilized_throughput_mibps: Some(64.0),
                ..PoolProperties::default()
            },
            ..CapacityPool::default()
        };
        let q = PoolQos::of(&pool);
        assert_eq!(
            (q.name.as_str(), q.manual, q.unallocated_mibps()),
            ("pool-manual", true, Some(192.0))
        );
        assert_eq!(mibps(192.0), "192");
        assert_eq!(mibps(27.50), "27.5");
        assert_eq!(mibps(0.3333), "0.33");
    }
}
