//! `GET .../volumes/{v}/providers/Microsoft.Insights/metrics?metricnames=VolumeLogicalSize`:
//! Azure Monitor's metrics of a volume, the one place Azure tells how much data a volume holds
//! (the volume's own properties don't). Only `VolumeLogicalSize` is served: the console reads
//! it to refuse shrinking a volume below its data.

use super::{any_api, only, require_volume, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, ApiError, Handled};
use crate::timefmt::iso8601;
use anf_core::time::Timestamp;
use anf_core::transport::Method;
use serde_json::json;

/// The metric this route serves.
const LOGICAL_SIZE: &str = "VolumeLogicalSize";
/// Azure Monitor's default grain for this metric.
const GRAIN_MS: u64 = 5 * 60 * 1000;

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let asked = req.url.query("metricnames").unwrap_or_default();
    if !asked.split(',').any(|m| m.trim().eq_ignore_ascii_case(LOGICAL_SIZE)) {
        return Err(ApiError::new(
            400,
            "BadRequest",
            format!("Failed to find metric configuration for provider: Microsoft.NetApp, resource Type: netAppAccounts/capacityPools/volumes, metric: {asked}. Valid metrics: {LOGICAL_SIZE}"),
        ));
    }
    let k = require_volume(engine, n)?;
    let v = &engine.world().volumes[&k];
    let t = engine.now();
    let bucket = t - t % GRAIN_MS;
    #[allow(clippy::cast_precision_loss)] // volume sizes are far below f64's exact range
    let used = v.used_bytes(t) as f64;
    let body = json!({
        "timespan": format!("{}/{}", iso8601(Timestamp(bucket.saturating_sub(3_600_000))), iso8601(Timestamp(t))),
        "interval": "PT5M",
        "value": [{
            "id": format!("{}/providers/Microsoft.Insights/metrics/{LOGICAL_SIZE}", v.id),
            "type": "Microsoft.Insights/metrics",
            "name": { "value": LOGICAL_SIZE, "localizedValue": "Volume Consumed Size" },
            "unit": "Bytes",
            "timeseries": [{ "metadatavalues": [], "data": [
                { "timeStamp": iso8601(Timestamp(bucket)), "average": used }
            ]}],
            "errorCode": "Success"
        }]
    });
    Ok(json_response(200, &body))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{json_of, Kit, GIB};

    #[test]
    fn the_logical_size_is_what_the_volume_holds() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(3600);
        let r = k.get(&format!(
            "{path}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&metricnames=VolumeLogicalSize&aggregation=Average"
        ));
        assert_eq!(r.status, 200, "{}", r.body);
        let body = json_of(&r);
        let point = &body["value"][0]["timeseries"][0]["data"][0];
        let bytes = point["average"].as_f64().unwrap();
        assert!(bytes > 0.0 && bytes < (60 * GIB) as f64, "{body}");
        assert_eq!(body["value"][0]["unit"], "Bytes");
    }

    #[test]
    fn other_metrics_and_missing_volumes_are_refused() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        let r = k.get(&format!("{path}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&metricnames=ReadIops"));
        assert_eq!(r.status, 400);
        let missing = k.volume_path("nope");
        let r = k.get(&format!("{missing}/providers/Microsoft.Insights/metrics?api-version=2023-10-01&metricnames=VolumeLogicalSize"));
        assert_eq!(r.status, 404);
    }
}
