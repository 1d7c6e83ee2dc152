/** Just enough HTML reading for the CSP tests: index.html is ours and Vite's output is regular. */

/** directive name → its sources, in order. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    if (directives.has(name)) throw new Error(`duplicate directive ${name}`);
    directives.set(name, sources);
  }
  return directives;
}

/** The content of every <meta http-equiv="Content-Security-Policy">. */
export function cspMetaContents(html: string): string[] {
  const metas = html.match(/<meta\b[^>]*>/gis) ?? [];
  return metas
    .filter((tag) => /http-equiv\s*=\s*["']Content-Security-Policy["']/i.test(tag))
    .map((tag) => /content\s*=\s*"([^"]*)"/is.exec(tag)?.[1] ?? '');
}

/** <script> elements without src (inline code), and elements with on* handler attributes. */
export function inlineScripts(html: string): string[] {
  const scripts = (html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []).filter(
    (element) => !/^<script\b[^>]*\bsrc\s*=/i.test(element),
  );
  const handlers = html.match(/<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi) ?? [];
  return [...scripts, ...handlers];
}

/** The src of every <script>. */
export function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*"([^"]*)"/gi)].map((match) => match[1] ?? '');
}
