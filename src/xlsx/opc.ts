/**
 * Small helpers for the parts of an .xlsx package (Open Packaging Conventions): relationships,
 * content types and finding a sheet's part by its name. String-level on purpose: the parts come
 * from exceljs, whose XML is regular, and untouched parts keep their bytes.
 */
import type JSZip from 'jszip';
import { partText } from './zipEntry';

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

/** Part path of a relationship target, relative to the part that owns the .rels. */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

export function relsOf(xml: string): { id: string; type: string; target: string }[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    return { id: a.Id, type: a.Type, target: a.Target };
  });
}

export const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

export function nextRelId(relsXml: string): string {
  const ids = relsOf(relsXml).map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0));
  return `rId${Math.max(0, ...ids) + 1}`;
}

export function addRel(relsXml: string, id: string, type: string, target: string): string {
  return relsXml.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`);
}

export function removeRel(relsXml: string, id: string): string {
  return relsXml.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${escapeRegExp(id)}"[^>]*/>`), '');
}

/** The relationship id of an element's attributes (r:id, whatever the namespace's prefix). */
export function relIdOf(attributes: Record<string, string>): string | undefined {
  return Object.entries(attributes).find(([k]) => /^\w+:id$/.test(k))?.[1];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function freePart(zip: JSZip, folder: string, stem: string): string {
  for (let n = 1; ; n++) {
    const p = `${folder}/${stem}${n}.xml`;
    if (!zip.file(p)) return p;
  }
}

export async function text(zip: JSZip, part: string): Promise<string> {
  const f = zip.file(part);
  if (!f) throw new Error(`The workbook package has no ${part}`);
  return partText(f);
}

export function addOverride(contentTypes: string, part: string, type: string): string {
  return contentTypes.replace(/<\/Types>\s*$/, `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
}

export function removeOverride(contentTypes: string, part: string): string {
  return contentTypes.replace(new RegExp(`<Override\\b[^>]*\\bPartName="/${escapeRegExp(part)}"[^>]*/>`), '');
}

/** The part of the sheet with this name (through workbook.xml and its relationships). */
export async function sheetPartOf(zip: JSZip, sheetName: string): Promise<string> {
  const workbookXml = await text(zip, 'xl/workbook.xml');
  // Any element prefix (x:sheet) and any prefix for the relationships namespace (r:id).
  const sheetTag = [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => attrs(m[0])).find((a) => a.name === sheetName);
  if (!sheetTag) throw new Error(`The workbook has no sheet "${sheetName}"`);
  const relId = relIdOf(sheetTag);
  const wbRel = relsOf(await text(zip, 'xl/_rels/workbook.xml.rels')).find((r) => r.id === relId);
  if (!wbRel) throw new Error(`The sheet "${sheetName}" has no part`);
  return resolveTarget('xl/workbook.xml', wbRel.target);
}
