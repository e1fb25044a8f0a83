//! The wave's CSV format: RFC 4180 by hand (BOM, CRLF/LF, quotes, line breaks in values),
//! headers in any order and case, missing and unknown columns, and a writer that round-trips.

use anf_core::wave::csv::records;
use anf_core::wave::{
    read_csv, read_csv_bytes, template, write_csv, Column, CsvRefused, RowOrigin, WavePlan,
};

#[test]
fn reads_bom_crlf_and_quoted_fields() {
    let text = "\u{feff}SVM,Source_Volume,export_clients,quota\r\n\
                svm_nfs,app01,\"10.0.0.0/24, 10.1.0.5\",600 GiB\r\n\
                svm_nfs,\"app\"\"02\",,\r\n";
    let import = read_csv(text).unwrap();
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    assert_eq!(import.rows.len(), 2);
    let r = &import.rows[0];
    assert_eq!(r.svm, "svm_nfs");
    assert_eq!(r.export_clients, "10.0.0.0/24, 10.1.0.5");
    assert_eq!(r.quota, "600 GiB");
    assert_eq!(r.origin, RowOrigin::Csv { line: 2 });
    assert_eq!(import.rows[1].source_volume, "app\"02");
}

#[test]
fn a_value_with_line_breaks_keeps_the_next_record_on_its_own_line() {
    let text = "svm,source_volume,export_clients\n\
                s1,v1,\"10.0.0.1\n10.0.0.2\"\n\
                s1,v2,\n\
                \n\
                s1,v3,\n";
    let import = read_csv(text).unwrap();
    let lines: Vec<_> = import.rows.iter().map(|r| r.origin).collect();
    assert_eq!(
        lines,
        [RowOrigin::Csv { line: 2 }, RowOrigin::Csv { line: 4 }, RowOrigin::Csv { line: 6 }]
    );
    assert_eq!(import.rows[0].export_clients, "10.0.0.1\n10.0.0.2");
}

#[test]
fn lf_and_crlf_read_the_same() {
    let lf = "svm,source_volume\ns1,v1\ns2,v2\n";
    let crlf = lf.replace('\n', "\r\n");
    assert_eq!(read_csv(lf).unwrap().rows, read_csv(&crlf).unwrap().rows);
    // No newline at the end, and an old Mac's CR line ends.
    assert_eq!(read_csv("svm,source_volume\rs1,v1\rs2,v2").unwrap().rows.len(), 2);
}

#[test]
fn bad_records_name_their_line_and_the_rest_still_reads() {
    let text = "svm,source_volume,quota\n\
                s1,v1,600\n\
                s1,v2,600,extra\n\
                s1,v\"3,600\n\
                s1,\"v4\"x,600\n\
                s1,v5,600\n\
                s1,\"v6,600\n";
    let import = read_csv(text).unwrap();
    let names: Vec<&str> = import.rows.iter().map(|r| r.source_volume.as_str()).collect();
    assert_eq!(names, ["v1", "v5"]);
    let problems: Vec<(usize, &str)> =
        import.problems.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert_eq!(problems[0].0, 3);
    assert!(problems[0].1.contains("4 fields, but the header has 3"), "{problems:?}");
    assert_eq!(problems[1].0, 4);
    assert!(problems[1].1.contains("quote inside an unquoted value"), "{problems:?}");
    assert_eq!(problems[2].0, 5);
    assert!(problems[2].1.contains("after a closing quote"), "{problems:?}");
    assert_eq!(problems[3].0, 7);
    assert!(problems[3].1.contains("not closed"), "{problems:?}");
}

#[test]
fn headers_in_any_order_missing_and_unknown_columns() {
    let import = read_csv("Pool,SOURCE VOLUME,notes,svm\np1,v1,hello,s1\n").unwrap();
    assert_eq!(import.rows[0].pool, "p1");
    assert_eq!(import.rows[0].svm, "s1");
    assert_eq!(import.unknown_columns, [(3, "notes".to_owned())]);
    let e = read_csv("svm,quota\ns1,600\n").unwrap_err();
    assert_eq!(e, CsvRefused::MissingColumns(vec![Column::SourceVolume]));
    assert!(e.to_string().contains("source_volume"), "{e}");
    assert_eq!(
        read_csv("svm,source_volume,SVM\n").unwrap_err(),
        CsvRefused::DuplicateColumn(Column::Svm)
    );
    assert_eq!(read_csv("\r\n\r\n").unwrap_err(), CsvRefused::Empty);
}

#[test]
fn files_that_are_not_text_are_refused() {
    let e = read_csv_bytes(b"svm,source_volume\r\ns1,caf\xe9\r\n").unwrap_err();
    assert!(matches!(e, CsvRefused::Input(_)), "{e:?}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
    let big = vec![b'a'; 5 * 1024 * 1024 + 1];
    assert!(read_csv_bytes(&big).unwrap_err().to_string().contains("5 MB"));
    // UTF-8 with BOM as bytes.
    let ok = read_csv_bytes(b"\xEF\xBB\xBFsvm,source_volume\r\ns1,v1\r\n").unwrap();
    assert_eq!(ok.rows[0].svm, "s1");
}

#[test]
fn export_then_import_gives_the_same_plan() {
    let mut plan = WavePlan::new("wave 1", "onprem-cl01");
    let csv = "source_cluster,svm,source_volume,logical_size,target_volume,quota,protocol,pool,schedule,export_clients,ontap_type,ontap_style,ontap_root\n\
        ,svm_nfs,app01,450GB,,, ,,,,RW,flexvol,\n\
        other-cl,svm_sql,\"db \"\"prod\"\"\",1.95TB,db-prod,\"2,500 GiB\",NFSv3;NFSv4.1,ultra-pool,daily,\"10.0.0.0/24,10.0.1.0/24\",RW,flexvol,false\n\
        ,svm_nfs,notes,1GB,notes,,,,,\"a\nb\",,flexgroup,\n";
    let first = read_csv(csv).unwrap();
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert_eq!(plan.add_rows(first.rows).added.len(), 3);
    let exported = write_csv(&plan.rows);
    let mut again = WavePlan::new("wave 1", "onprem-cl01");
    let import = read_csv(&exported).unwrap();
    assert!(import.problems.is_empty() && import.unknown_columns.is_empty(), "{import:?}");
    again.add_rows(import.rows);
    assert_eq!(again.rows.len(), plan.rows.len());
    for (a, b) in plan.rows.iter().zip(&again.rows) {
        assert!(a.same_content(b), "{a:?}\n{b:?}");
    }
    // And once more: the export of the import is byte for byte the export.
    assert_eq!(write_csv(&again.rows), exported);
    assert!(exported.contains("\"2,500 GiB\""), "{exported}");
    // Records end with CRLF; the line break inside a value stays as it was.
    assert_eq!(exported.matches("\r\n").count(), 4, "{exported:?}");
    assert!(exported.contains("\"a\nb\""), "{exported:?}");
}

#[test]
fn the_template_reads_back_as_one_complete_row() {
    let t = template();
    assert!(t.starts_with("source_cluster,svm,source_volume,logical_size,target_volume,quota,protocol,pool,schedule,export_clients"), "{t}");
    let import = read_csv(&t).unwrap();
    assert!(import.problems.is_empty() && import.unknown_columns.is_empty());
    assert_eq!(import.rows.len(), 1);
    let row = &import.rows[0];
    assert!(Column::ALL.iter().all(|c| !row.cell(*c).is_empty()), "{row:?}");
    assert_eq!(row.export_clients, "10.1.0.0/16,10.2.0.5");
}

#[test]
fn records_split_exactly_as_rfc_4180_says() {
    let r = records("a,\"b,c\",\"d\"\"e\",\r\n\"\",x\r\n");
    let fields: Vec<Vec<String>> = r.into_iter().map(|r| r.unwrap().fields).collect();
    assert_eq!(fields, [vec!["a", "b,c", "d\"e", ""], vec!["", "x"]]);
}
