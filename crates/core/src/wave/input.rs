//! What a pasted or uploaded text must be before any parser reads it: at most 5 MB, UTF-8,
//! no NUL bytes. A byte-order mark is dropped here so neither parser has to know about it.
//!
//! The limit keeps a mistaken upload (a disk image, a log of a year) from freezing the page:
//! 5 MB holds far more than the 5,000-line `volume show` or 5,000-row CSV a wave can have
//! (about 80 bytes a line). NUL bytes never occur in text a person exports; their presence
//! means a binary file (a spreadsheet saved as .xlsx, a UTF-16 export) that would otherwise
//! parse into garbage rows.

use std::fmt;

/// The largest input accepted: 5 MB (5 × 1024 × 1024 bytes).
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;

/// Why an input was refused before parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputRefused {
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge {
        /// The input's size in bytes.
        bytes: usize,
    },
    /// Not valid UTF-8.
    NotUtf8 {
        /// Offset of the first byte that is not UTF-8.
        at_byte: usize,
    },
    /// Contains a NUL byte: a binary file, not text.
    Binary {
        /// 1-based line of the first NUL.
        line: usize,
    },
}

impl fmt::Display for InputRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { bytes } => write!(
                f,
                "The file is {} MB; the limit is 5 MB. Split the wave into smaller files.",
                bytes.div_ceil(1024 * 1024)
            ),
            Self::NotUtf8 { at_byte } => write!(
                f,
                "The file is not UTF-8 text (byte {at_byte} is not UTF-8). Save it as CSV UTF-8 and try again."
            ),
            Self::Binary { line } => write!(
                f,
                "The file is not text (it holds a NUL byte on line {line}). Export it as CSV or paste the command's output."
            ),
        }
    }
}

impl std::error::Error for InputRefused {}

/// Checks raw bytes (an uploaded file) and returns the text without a byte-order mark.
///
/// # Errors
/// [`InputRefused`] when the input is too large, not UTF-8, or binary.
pub fn accept_bytes(bytes: &[u8]) -> Result<&str, InputRefused> {
    // The size is checked first so a huge file is never decoded.
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputRefused::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| InputRefused::NotUtf8 { at_byte: e.valid_up_to() })?;
    accept_text(text)
}

/// Checks text (a paste) and returns it without a byte-order mark.
///
/// # Errors
/// [`InputRefused`] when the text is too large or holds a NUL.
pub fn accept_text(text: &str) -> Result<&str, InputRefused> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputRefused::TooLarge { bytes: text.len() });
    }
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(InputRefused::Binary { line });
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_bom_and_keeps_the_rest() {
        assert_eq!(accept_bytes(b"\xEF\xBB\xBFsvm,vol\r\n"), Ok("svm,vol\r\n"));
        assert_eq!(accept_text("svm,vol"), Ok("svm,vol"));
    }

    #[test]
    fn refuses_large_binary_and_non_utf8_input() {
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        let e = accept_bytes(&big).unwrap_err();
        assert_eq!(e, InputRefused::TooLarge { bytes: MAX_INPUT_BYTES + 1 });
        assert!(e.to_string().contains("limit is 5 MB"), "{e}");
        // Exactly at the limit is fine.
        assert!(accept_bytes(&big[..MAX_INPUT_BYTES]).is_ok());
        // Latin-1 "é" (a spreadsheet's "CSV" without UTF-8).
        let e = accept_bytes(b"svm,caf\xe9").unwrap_err();
        assert_eq!(e, InputRefused::NotUtf8 { at_byte: 7 });
        assert!(e.to_string().contains("UTF-8"), "{e}");
        // UTF-16 text is full of NULs.
        let e = accept_bytes(b"a\r\n\x00b").unwrap_err();
        assert_eq!(e, InputRefused::Binary { line: 2 });
    }
}
