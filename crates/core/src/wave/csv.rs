//! The wave's CSV format, read and written by hand (RFC 4180; no CSV crate).
//!
//! One header line names the columns ([`Column::header`]: `source_cluster`, `svm`,
//! `source_volume`, `logical_size`, `target_volume`, `quota`, `protocol`, `pool`, `schedule`,
//! `export_clients`, and the optional ONTAP facts `ontap_type`, `ontap_style`, `ontap_root`).
//! Header names are matched without regard to case (spaces and hyphens count as underscores),
//! columns may come in any order, only `svm` and `source_volume` are required, and columns the
//! format does not know are reported and ignored. An empty cell takes the wave's default.
//!
//! Reading accepts UTF-8 with or without a byte-order mark, CRLF, LF or CR line ends, and
//! quoted fields holding commas, doubled quotes (`""`) and line breaks; a record's messages
//! name the line it starts on. Writing quotes only what needs it and ends lines with CRLF, so
//! [`write_csv`] then [`read_csv`] gives back the same rows.

use super::columns::Column;
use super::input::{accept_bytes, accept_text, InputRefused};
use super::ontap_output::LineProblem;
use super::plan::{RowOrigin, WaveRow};
use std::fmt;

/// Columns a file must have.
pub const REQUIRED: [Column; 2] = [Column::Svm, Column::SourceVolume];

/// What a CSV file gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvImport {
    /// The rows, in file order (ids are assigned when added to a plan).
    pub rows: Vec<WaveRow>,
    /// Header cells the format does not know, with their column number (1-based); ignored.
    pub unknown_columns: Vec<(usize, String)>,
    /// Records that could not be read.
    pub problems: Vec<LineProblem>,
}

/// Why a whole file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvRefused {
    /// Not acceptable text at all.
    Input(InputRefused),
    /// Nothing but blank lines.
    Empty,
    /// The header lacks required columns.
    MissingColumns(Vec<Column>),
    /// A column named twice.
    DuplicateColumn(Column),
    /// The header line itself could not be read.
    BadHeader(LineProblem),
}

impl fmt::Display for CsvRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Input(e) => e.fmt(f),
            Self::Empty => f.write_str("The file is empty; start from the template."),
            Self::MissingColumns(cols) => {
                let names: Vec<&str> = cols.iter().map(|c| c.header()).collect();
                write!(f, "Line 1 (the header) has no {} column; every row needs the SVM and the source volume. Start from the template.", names.join(" or "))
            }
            Self::DuplicateColumn(c) => {
                write!(f, "Line 1 (the header) names the column {c} twice.")
            }
            Self::BadHeader(p) => write!(f, "The header can't be read: {p}."),
        }
    }
}

impl std::error::Error for CsvRefused {}

/// One record and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// 1-based line of the record's start.
    pub line: usize,
    /// Its fields, unquoted.
    pub fields: Vec<String>,
}

/// Reads an uploaded file.
///
/// # Errors
/// [`CsvRefused`] when the file is not text, is empty, or its header is unusable.
pub fn read_csv_bytes(bytes: &[u8]) -> Result<CsvImport, CsvRefused> {
    read_csv(accept_bytes(bytes).map_err(CsvRefused::Input)?)
}

/// Reads CSV text.
///
/// # Errors
/// [`CsvRefused`] when the text is empty or its header is unusable.
pub fn read_csv(text: &str) -> Result<CsvImport, CsvRefused> {
    let text = accept_text(text).map_err(CsvRefused::Input)?;
    let mut records = records(text).into_iter();
    let header = match records.next() {
        None => return Err(CsvRefused::Empty),
        Some(Err(p)) => return Err(CsvRefused::BadHeader(p)),
        Some(Ok(h)) => h,
    };
    let mut import = CsvImport::default();
    let mut columns: Vec<Option<Column>> = Vec::new();
    for (i, cell) in header.fields.iter().enumerate() {
        let column = Column::from_header(cell);
        match column {
            Some(c) if columns.contains(&Some(c)) => return Err(CsvRefused::DuplicateColumn(c)),
            None => import.unknown_columns.push((i + 1, cell.trim().to_owned())),
            Some(_) => {}
        }
        columns.push(column);
    }
    let missing: Vec<Column> =
        REQUIRED.into_iter().filter(|c| !columns.contains(&Some(*c))).collect();
    if !missing.is_empty() {
        return Err(CsvRefused::MissingColumns(missing));
    }
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(p) => {
                import.problems.push(p);
                continue;
            }
        };
        if record.fields.len() != columns.len() {
            import.problems.push(LineProblem {
                line: record.line,
                message: format!(
                    "{} fields, but the header has {}; quote a value that holds a comma",
                    record.fields.len(),
                    columns.len()
                ),
            });
            continue;
        }
        let mut row =
            WaveRow { origin: RowOrigin::Csv { line: record.line }, ..WaveRow::default() };
        for (column, value) in columns.iter().zip(&record.fields) {
            if let Some(c) = column {
                row.set_cell(*c, value);
            }
        }
        import.rows.push(row);
    }
    Ok(import)
}

/// Splits text into records (RFC 4180), skipping blank lines; a record that can't be read is
/// an error naming its first line.
#[must_use]
pub fn records(text: &str) -> Vec<Result<Record, LineProblem>> {
    let mut out = Vec::new();
    let mut it = text.chars().peekable();
    let mut line = 1;
    while it.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut in_quotes = false;
        let mut error: Option<String> = None;
        while let Some(c) = it.next() {
            if in_quotes {
                match c {
                    '"' if it.peek() == Some(&'"') => {
                        it.next();
                        field.push('"');
                    }
                    '"' => in_quotes = false,
                    '\n' => {
                        line += 1;
                        field.push(c);
                    }
                    c => field.push(c),
                }
                continue;
            }
            match c {
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    quoted = false;
                }
                '\r' if it.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    line += 1;
                    break;
                }
                '"' if !quoted && field.trim().is_empty() => {
                    field.clear();
                    quoted = true;
                    in_quotes = true;
                }
                // Spaces after a closing quote are harmless; anything else is a typo.
                c if quoted && c.is_whitespace() => {}
                c if quoted => {
                    error.get_or_insert_with(|| {
                        format!(
                            "text after a closing quote (\"{c}\"); put the whole value in quotes"
                        )
                    });
                }
                '"' => {
                    error.get_or_insert_with(|| {
                        "a quote inside an unquoted value; quote the value and double the quote (\"\")".into()
                    });
                }
                c => field.push(c),
            }
        }
        if in_quotes {
            error = Some("a quoted value is not closed before the end of the file".into());
        }
        fields.push(field);
        let blank = fields.iter().all(|f| f.trim().is_empty()) && !quoted;
        match error {
            Some(message) => out.push(Err(LineProblem { line: start, message })),
            None if blank => {}
            None => out.push(Ok(Record { line: start, fields })),
        }
    }
    out
}

/// Writes rows in the wave's format: the header, then one record per row, CRLF line ends.
#[must_use]
pub fn write_csv(rows: &[WaveRow]) -> String {
    let mut out = header_line();
    for row in rows {
        let cells: Vec<String> = Column::ALL.iter().map(|c| quote(row.cell(*c))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The template to download: the header and one example row.
#[must_use]
pub fn template() -> String {
    let example = [
        "onprem-cl01",
        "svm_nfs",
        "app01_data",
        "450GB",
        "app01-data",
        "600 GiB",
        "NFSv3",
        "premium-pool",
        "hourly",
        "10.1.0.0/16,10.2.0.5",
        "RW",
        "flexvol",
        "false",
    ];
    let cells: Vec<String> = example.iter().map(|v| quote(v)).collect();
    format!("{}{}\r\n", header_line(), cells.join(","))
}

fn header_line() -> String {
    let names: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    format!("{}\r\n", names.join(","))
}

/// A field as RFC 4180 writes it: quoted when it holds a comma, quote or line break, or
/// begins or ends with a space (which a reader might trim).
fn quote(value: &str) -> String {
    let needs = value.contains([',', '"', '\r', '\n'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}
