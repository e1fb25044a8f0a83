//! What a `show` command is made of, as data: its fields (the names `-fields` and queries
//! take, and the labels of `-instance`), the columns of its default table, and its keys.
//!
//! ONTAP's `show` commands all work alike (ONTAP 9 command reference, "-fields" and
//! "-instance" under every `show` command): every field is also a query parameter, `-fields`
//! prints the keys and the fields asked for as a table headed by the field names, `-instance`
//! prints every field of every row as `Label: value`, and without either the command prints
//! its own table of selected columns.

/// How a field's values compare in a query (`-size >1TB`, `-percent-used >90`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Names and words: compared as text, `*` wildcards.
    Text,
    /// `500GB`, `1.95TB`: compared as bytes.
    Size,
    /// An integer, or a percentage (`85%`).
    Number,
}

/// One field of a `show` command.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The name `-fields` and queries use (`logical-used`).
    pub name: &'static str,
    /// The label of the `-instance` view (`Logical Used Size`).
    pub label: &'static str,
    /// How its values compare in a query.
    pub kind: Kind,
    /// Left out of `-instance` (a second name some tools use for a field listed already).
    pub hidden: bool,
}

impl Field {
    /// A text field.
    #[must_use]
    pub const fn text(name: &'static str, label: &'static str) -> Self {
        Self { name, label, kind: Kind::Text, hidden: false }
    }

    /// A size field.
    #[must_use]
    pub const fn size(name: &'static str, label: &'static str) -> Self {
        Self { name, label, kind: Kind::Size, hidden: false }
    }

    /// A numeric (or percentage) field.
    #[must_use]
    pub const fn number(name: &'static str, label: &'static str) -> Self {
        Self { name, label, kind: Kind::Number, hidden: false }
    }

    /// The same field, left out of `-instance`.
    #[must_use]
    pub const fn hidden(self) -> Self {
        Self { hidden: true, ..self }
    }
}

/// How a column's values sit in their width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Names and words.
    Left,
    /// Sizes and percentages.
    Right,
    /// `up/up` under "Status Admin/Oper".
    Center,
}

/// A column of a default table: the field it shows, its title (one line per `\n`, the lines
/// at the bottom), its width and alignment. ONTAP's tables have fixed widths; a longer value
/// pushes what follows to the next line.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The field (or a value only the table shows, such as `up/up`).
    pub field: &'static str,
    /// The title, bottom lines last.
    pub title: &'static str,
    /// Characters; a longer value wraps the row.
    pub width: usize,
    /// Where a value sits in the width.
    pub align: Align,
}

/// A left-aligned column.
#[must_use]
pub const fn left(field: &'static str, title: &'static str, width: usize) -> Column {
    Column { field, title, width, align: Align::Left }
}

/// A right-aligned column.
#[must_use]
pub const fn right(field: &'static str, title: &'static str, width: usize) -> Column {
    Column { field, title, width, align: Align::Right }
}

/// A `show` command's layout.
#[derive(Clone, Copy, Debug)]
pub struct Show {
    /// Every field, in the command's own order: `-fields` and `-instance` print them in this
    /// order whatever the order typed (ONTAP prints
    /// `snapmirror show -fields lag-time,last-transfer-size` as
    /// `source-path destination-path last-transfer-size lag-time`).
    pub fields: &'static [Field],
    /// Fields `-fields` always prints first (the row's identity); rows are listed in their
    /// order.
    pub keys: &'static [&'static str],
    /// Values to list rows by instead of the keys (empty: the keys).
    pub order: &'static [&'static str],
    /// The default table.
    pub columns: &'static [Column],
    /// A line above the column titles (`---Blocks---` over snapshot percentages), or "".
    pub banner: &'static str,
    /// How many leading columns a row leaves blank when they repeat the row above.
    pub group: usize,
    /// The grouped value is printed on a line of its own (`network interface show`).
    pub group_own_line: bool,
    /// Where `-instance` aligns the colons (labels are right-aligned to this width; longer
    /// ones run over), 0 for the longest label plus one.
    pub label_width: usize,
    /// Naming every key exactly and matching one row prints the row as `-instance`
    /// (`volume show -vserver vs1 -volume vol1`).
    pub instance_on_keys: bool,
    /// What an empty table prints when no query was given.
    pub empty: &'static str,
}

/// What `show` commands print when nothing matches a query.
pub const NO_MATCH: &str = "There are no entries matching your query.\n";

/// What most `show` commands print for an empty table.
pub const EMPTY: &str = "This table is currently empty.\n";

/// A `Show` with the usual defaults, for the `..` of the layouts.
pub const PLAIN: Show = Show {
    fields: &[],
    keys: &[],
    order: &[],
    columns: &[],
    banner: "",
    group: 0,
    group_own_line: false,
    label_width: 0,
    instance_on_keys: false,
    empty: EMPTY,
};
