import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Liquid } from 'liquidjs';
import { TemplateEngine } from '../templates/runtime/engine.js';
import type { BenchResult } from './types.js';

const ITEM_FILTERS = [
  '"id": "{{ item.id | upcase | prepend: \'ID-\' | append: \'-X\' }}"',
  '"name": "{{ item.name | capitalize | strip | truncate: 30 }}"',
  '"code": "{{ item.code | downcase | replace: \'a\', \'b\' | remove: \'z\' }}"',
  '"missing": "{{ item.none | default: \'n/a\' | upcase }}"',
  '"size": "{{ item.tags | size | plus: 1 | times: 2 }}"',
  '"tags": "{{ item.tags | join: \'|\' | escape }}"',
  '"first": "{{ item.tags | first | slice: 0, 2 }}"',
  '"value": "{{ item.value | minus: 1 | plus: 3 }}"',
  '"text": "{{ item.text | strip_newlines | url_encode }}"',
  '"parts": "{{ item.text | split: \' \' | last }}"',
];

const ROOT = (include: string): string => `{
  "resourceType": "Bundle",
  "type": "batch",
  "entry": [
{% for item in msg.items %}{% if item.active %}    ${include},
{% endif %}{% endfor %}  ]
}
`;

const ITEM = `{
      "fullUrl": "urn:uuid:{{ item.id }}",
      "resource": { ${ITEM_FILTERS.slice(0, 5).join(', ')},
      {% include 'Resource/Detail' item: item %} }
    }`;
const DETAIL = ITEM_FILTERS.slice(5).join(', ') + ', "ref": "{{ item.id }}"';

function writeTemplates(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function sampleData(): Record<string, unknown> {
  const items = Array.from({ length: 50 }, (_, i) => ({
    id: `item${i}`,
    name: `  synthetic name ${i}  `,
    code: `CODEa${i}z`,
    active: i % 10 !== 9,
    tags: ['alpha', 'beta', `t${i}`],
    value: i,
    text: `line one ${i}\nline two`,
  }));
  return { msg: { items } };
}

function measure(render: () => string, budgetMs: number): { perSecond: number; mbPerSecond: number } {
  for (let i = 0; i < 30; i++) render();
  let count = 0;
  let bytes = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    bytes += render().length;
    count++;
    elapsed = performance.now() - start;
  }
  return { perSecond: (count * 1000) / elapsed, mbPerSecond: (bytes / 1e6) * (1000 / elapsed) };
}

/**
 * Renders a synthetic Microsoft-style collection (root + partials, a loop over 50 mappings, ~20 filters per item)
 * with the DotLiquid-compatible engine and with bare liquidjs on the same templates, and reports the overhead.
 */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-liquid-'));
  try {
    writeTemplates(join(dir, 'engine'), {
      'Root.liquid': ROOT("{% include 'Resource/Item' item: item %}"),
      'Resource/_Item.liquid': ITEM,
      'Resource/_Detail.liquid': DETAIL,
    });
    writeTemplates(join(dir, 'liquidjs'), {
      'Root.liquid': ROOT("{% include 'Resource/_Item', item: item %}"),
      'Resource/_Item.liquid': ITEM.replace("'Resource/Detail' item: item", "'Resource/_Detail', item: item"),
      'Resource/_Detail.liquid': DETAIL,
    });
    const data = sampleData();
    const engine = new TemplateEngine({ templateDirs: [join(dir, 'engine')], filters: [] });
    const liquid = new Liquid({ root: join(dir, 'liquidjs'), extname: '.liquid', cache: true });
    const root = liquid.parseFileSync('Root');
    const ours = measure(() => engine.render('Root', data), 1500);
    const bare = measure(() => liquid.renderSync(root, data) as string, 1500);
    const overhead = ((bare.perSecond - ours.perSecond) / bare.perSecond) * 100;
    return [
      { name: 'liquid engine (DotLiquid semantics) renders', value: ours.perSecond, unit: 'renders/s' },
      { name: 'liquid engine (DotLiquid semantics) output', value: ours.mbPerSecond, unit: 'MB/s' },
      { name: 'bare liquidjs renders', value: bare.perSecond, unit: 'renders/s' },
      { name: 'bare liquidjs output', value: bare.mbPerSecond, unit: 'MB/s' },
      { name: 'engine overhead vs bare liquidjs', value: overhead, unit: '%', note: 'negative = faster than liquidjs' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
