import { ASSET_PREFIX } from './bundle';

/**
 * The console's one page. The token never reaches a server in the URL: the link `npm start` prints carries it in the
 * fragment, which the script moves to session storage and clears from the address bar.
 */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Staff console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PREFIX}/app.css">
<script type="module" src="${ASSET_PREFIX}/app.js"></script>
</head>
<body>
<div id="app"><p class="loading">Loading the console…</p></div>
<noscript>The staff console needs JavaScript.</noscript>
</body>
</html>
`;

/**
 * The page's policy: its own scripts, styles and API only. style-src allows what uPlot sets through the CSSOM (not
 * inline markup); nothing may frame the page or send it elsewhere.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
