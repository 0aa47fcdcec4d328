import { NOTICE_DATA, type NoticeKind } from './notice-kinds';
import { TEMPLATES, type Template, type TemplateContext } from './templates';

/** A rendered notice. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

/** Who the shop is, as every message's footer prints it. */
export interface ShopIdentity extends TemplateContext {
  shopAddress: string;
}

/** A template that cannot be filled: a placeholder without a value, or data that is not what the kind needs. */
export class TemplateError extends Error {
  constructor(kind: string, detail: string) {
    super(`template ${kind}: ${detail}`);
    this.name = 'TemplateError';
  }
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;
// Values that mean a field was never filled, whatever placeholder carried it.
const UNFILLED = /\b(undefined|null|NaN|Invalid Date)\b|\[object /;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

function fill(kind: string, pattern: string, fields: Record<string, string>, escape: (s: string) => string): string {
  return pattern.replace(PLACEHOLDER, (_, name: string) => {
    const value = fields[name];
    if (typeof value !== 'string' || value.trim() === '' || UNFILLED.test(value)) throw new TemplateError(kind, `no value for {${name}}`);
    return escape(value);
  });
}

/**
 * Renders a notice: its data checked against the kind's schema, every placeholder filled (a missing one throws
 * TemplateError), values HTML-escaped in the HTML part, and the shop's name and address in the footer.
 */
export function renderNotice(kind: string, data: unknown, shop: ShopIdentity): RenderedNotice {
  if (!Object.hasOwn(TEMPLATES, kind)) throw new TemplateError(kind, 'no such notice kind');
  const parsed = NOTICE_DATA[kind as NoticeKind].safeParse(data);
  if (!parsed.success) throw new TemplateError(kind, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const template = TEMPLATES[kind as NoticeKind] as Template<NoticeKind>;
  const fields = template.fields(parsed.data as never, shop);
  const subject = fill(kind, template.subject, fields, (s) => s);
  const paragraphs = template.paragraphs.map((p) => fill(kind, p, fields, (s) => s));
  const htmlParagraphs = template.paragraphs.map((p) => fill(kind, p, fields, escapeHtml));
  const footer = [shop.shopName, ...shop.shopAddress.split(/\s*\n\s*|\s*;\s*/)];
  const text = [...paragraphs, `— ${footer.join('\n')}`].join('\n\n') + '\n';
  const html = [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:560px">',
    ...htmlParagraphs.map((p) => `<p>${p}</p>`),
    `<p style="color:#666;font-size:13px;border-top:1px solid #ddd;padding-top:12px">${footer.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
