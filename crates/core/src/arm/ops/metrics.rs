//! Azure Monitor's metrics of a volume: how much data it holds, which the volume's own
//! properties don't say. Read before a quota change, so a shrink below the data is refused at
//! the field, not by Azure.

use crate::arm::{paths, Client, ClientError};
use crate::ids::VolumeId;
use crate::transport::Transport;
use serde::Deserialize;

/// The api-version of Microsoft.Insights metrics (a stable one Azure Monitor documents).
pub const METRICS_API_VERSION: &str = "2023-10-01";
/// The metric of the data a volume holds, in bytes.
pub const VOLUME_LOGICAL_SIZE: &str = "VolumeLogicalSize";

#[derive(Deserialize)]
struct MetricsAnswer {
    #[serde(default)]
    value: Vec<Metric>,
}

#[derive(Deserialize)]
struct Metric {
    #[serde(default)]
    timeseries: Vec<Series>,
}

#[derive(Deserialize)]
struct Series {
    #[serde(default)]
    data: Vec<Point>,
}

#[derive(Deserialize)]
struct Point {
    average: Option<f64>,
}

/// The latest average of a metrics answer (`value[0].timeseries[*].data[*]`, the last point
/// that has one), as whole units; `None` when Azure Monitor has no point yet (a new volume).
#[must_use]
pub fn latest_average(body: &serde_json::Value) -> Option<u64> {
    let answer: MetricsAnswer = serde_json::from_value(body.clone()).ok()?;
    let latest = answer
        .value
        .first()?
        .timeseries
        .iter()
        .flat_map(|s| s.data.iter())
        .filter_map(|p| p.average)
        .rfind(|a| a.is_finite() && *a >= 0.0)?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked finite, >= 0
    Some(latest.round() as u64)
}

impl<T: Transport> Client<T> {
    /// The data the volume holds now, in bytes (Azure Monitor's `VolumeLogicalSize`, its latest
    /// five-minute average); `None` when Azure Monitor has no point yet.
    ///
    /// # Errors
    /// [`ClientError`] when Azure refuses the read (e.g. no Monitoring Reader role) or does not
    /// answer.
    pub async fn volume_logical_size(&self, id: &VolumeId) -> Result<Option<u64>, ClientError> {
        let path = format!("{}/providers/Microsoft.Insights/metrics", paths::volume(id));
        let url = self.url(
            &path,
            METRICS_API_VERSION,
            &[
                ("metricnames", VOLUME_LOGICAL_SIZE),
                ("aggregation", "Average"),
                ("interval", "PT5M"),
            ],
        );
        let body: serde_json::Value = self.get_json(url, "volume metrics").await?;
        Ok(latest_average(&body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_last_point_with_an_average_counts() {
        let body = json!({ "value": [{ "name": { "value": "VolumeLogicalSize" }, "timeseries": [{ "data": [
            { "timeStamp": "t1", "average": 100.0 },
            { "timeStamp": "t2", "average": 2_147_483_648.4 },
            { "timeStamp": "t3" }
        ]}]}]});
        assert_eq!(latest_average(&body), Some(2_147_483_648));
        assert_eq!(latest_average(&json!({ "value": [{ "timeseries": [] }] })), None);
        assert_eq!(latest_average(&json!({ "value": [] })), None);
        assert_eq!(latest_average(&json!("not metrics")), None);
        let negative = json!({ "value": [{ "timeseries": [{ "data": [{ "average": -1.0 }] }] }] });
        assert_eq!(latest_average(&negative), None);
    }
}
