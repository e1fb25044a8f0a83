//! A command line once read: the command's full words and its parameters by full name.

/// A parsed command: its full words and its `-name value` parameters (full names; a flag such
/// as `-instance` has the value `true`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// The command's full words.
    pub words: &'static [&'static str],
    /// `(full parameter name, value)`, in the order typed.
    pub params: Vec<(&'static str, String)>,
}

impl Command {
    /// A parameter's value.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// Whether a flag (`-instance`) or a boolean parameter (`-force true`) is on.
    #[must_use]
    pub fn flag(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// A required parameter's value, or ONTAP's error.
    ///
    /// # Errors
    /// The parameter is missing.
    pub fn require(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("Error: Missing required parameter \"-{name}\".\n"))
    }
}
