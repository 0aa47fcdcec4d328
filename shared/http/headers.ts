import type { IncomingMessage, ServerResponse } from 'node:http';

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Sets the security headers and, for an allowed Origin, the CORS headers. Returns whether the origin is allowed. */
export function applyHeaders(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  const origin = req.headers.origin;
  if (!origin) return true;
  res.setHeader('Vary', 'Origin');
  if (!allowedOrigins.includes(origin) && !allowedOrigins.includes('*')) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '600');
  return true;
}
