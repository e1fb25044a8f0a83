//! Generated inputs of the waves' benchmarks, shared by the core's (`benches/wave.rs`) and the
//! browser's (`crates/e2e/tests/wave_bench.rs`, which includes this file by path), so both time
//! the same paste and the same CSV.

/// Sizes as ONTAP prints them, in several units.
pub fn size(i: usize) -> (String, String) {
    match i % 4 {
        0 => (format!("{}GB", 50 + i % 900), format!("{}.{}GB", 20 + i % 500, i % 100)),
        1 => (format!("{}.{:02}TB", 1 + i % 7, i % 100), format!("{}GB", 300 + i % 700)),
        2 => (format!("{}MB", 51_200 + i), format!("{}MB", 10_240 + i)),
        _ => (format!("{}GB", 100 + i % 400), format!("{}KB", 1_048_576 + i)),
    }
}

/// `volume show -fields ...` output of `n` volumes, as the clustershell prints it.
pub fn volume_show(n: usize) -> String {
    let mut out = String::from(
        "onprem-cl01::> volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended\n\
         vserver volume          size    volume-style-extended type logical-used\n\
         ------- --------------- ------- --------------------- ---- ------------\n",
    );
    for i in 0..n {
        let (s, used) = size(i);
        out.push_str(&format!(
            "svm_{} vol_{i:05} {s} flexvol RW {used}\n",
            if i % 2 == 0 { "eng" } else { "nfs" }
        ));
    }
    out.push_str(&format!("{n} entries were displayed.\n"));
    out
}

/// A wave CSV of `n` rows, some fields quoted, CRLF line ends; `pool` in every row (empty: the
/// wave's default).
pub fn csv(n: usize, pool: &str) -> String {
    let mut out = String::from(
        "source_cluster,svm,source_volume,logical_size,target_volume,quota,protocol,pool,schedule,export_clients\r\n",
    );
    for i in 0..n {
        out.push_str(&format!(
            "onprem-cl01,svm_nfs,vol_{i:05},{} GiB,mig-{i:05},,NFSv3,{pool},hourly,\"10.1.0.0/16, 10.2.0.0/16\"\r\n",
            10 + i % 900
        ));
    }
    out
}
