// The stand-in's pages: plain HTML a person can use and WebDriver can drive by id.
//
// Sign-in form: #login-form with #username, #password, #sign-in (submit), #cancel.
// Consent form: #consent-form with #accept (submit), #cancel. Errors: #error.

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f3f2f1;margin:0;padding:48px 16px}
main{max-width:360px;margin:auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.4em;font-weight:600;margin-top:0}label{display:block;margin:12px 0 4px}
input{width:100%;box-sizing:border-box;padding:6px;font:inherit}
button{margin-top:20px;padding:6px 20px;font:inherit}
#sign-in,#accept{background:#0067b8;color:#fff;border:0}
#error{color:#a80000}.note{color:#605e5c;font-size:.9em}
</style>
</head>
<body><main>${body}</main></body>
</html>`;

/** The sign-in form. */
export function loginPage({ url, hint, error }) {
  return page('Sign in (Entra ID stand-in)', `
<h1>Sign in</h1>
<p class="note">Entra ID stand-in for tests: not Microsoft.</p>
${error ? `<p id="error" role="alert">${esc(error)}</p>` : ''}
<form id="login-form" method="post" action="${esc(url)}" autocomplete="off">
<label for="username">Email or user name</label>
<input id="username" name="username" type="text" value="${esc(hint)}" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" required>
<button id="sign-in" type="submit">Sign in</button>
<button id="cancel" type="submit" name="cancel" value="1" formnovalidate>Cancel</button>
</form>`);
}

/** The consent page, shown when a signed-in user is asked again (e.g. prompt=consent). */
export function consentPage({ url, account, scope }) {
  const items = String(scope ?? '').split(' ').filter(Boolean).map((s) => `<li>${esc(s)}</li>`).join('');
  return page('Permissions requested', `
<h1>Permissions requested</h1>
<p>${esc(account)}: anf-migrate wants to</p>
<ul>${items}</ul>
<form id="consent-form" method="post" action="${esc(url)}">
<button id="accept" type="submit" name="accept" value="1">Accept</button>
<button id="cancel" type="submit" name="cancel" value="1">Cancel</button>
</form>`);
}

/** The sign-out page: oidc-provider's confirmation, submitted at once (Entra does not ask). */
export function logoutPage(form) {
  return page('Signing out', `
<h1>Signing out...</h1>
${form}
<input type="hidden" form="op.logoutForm" name="logout" value="yes">
<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>
<script>document.getElementById('op.logoutForm').submit()</script>`);
}

/** Shown after sign-out when there is no post_logout_redirect_uri. */
export function loggedOutPage() {
  return page('Signed out', '<h1 id="signed-out">You signed out of your account</h1>');
}
