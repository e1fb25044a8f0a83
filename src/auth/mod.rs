//! Sign-in with Microsoft Entra ID in the browser: redirects, the session and its storage.
