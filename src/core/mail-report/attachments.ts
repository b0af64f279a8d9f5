/**
 * Risky attachments, after the CCB/Safeonweb advice ("never open unexpected attachments") and the file types
 * mail filters commonly block because they run code when opened: executables and scripts, Office files with macros,
 * HTML files (a fake log-in page opened from the disk), disk images (ISO/IMG slip past mark-of-the-web) and archives
 * that contain any of those, or are locked with a password given in the mail (so a filter cannot look inside).
 * Pure: names and flags in, reason codes out. The ZIP listing reads only the central directory (PKWARE APPNOTE 4.3.12).
 */
import type { AttachmentInfo } from './types.ts';

const EXECUTABLE = ['exe', 'scr', 'com', 'pif', 'bat', 'cmd', 'msi', 'msix', 'dll', 'cpl', 'jar', 'appx', 'apk', 'app', 'dmg', 'reg'];
const SCRIPT = ['js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'psm1', 'hta', 'lnk', 'url', 'scf', 'iqy', 'sct', 'chm', 'one'];
const MACRO_OFFICE = ['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xlsb', 'pptm', 'potm', 'ppsm', 'ppam', 'sldm'];
const HTML = ['html', 'htm', 'shtml', 'xhtml', 'svg', 'mht', 'mhtml'];
const DISK_IMAGE = ['iso', 'img', 'vhd', 'vhdx'];
const ARCHIVE = ['zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'cab', 'ace', 'arj', 'bz2', 'xz', 'z', 'zipx'];

export type AttachmentRisk = 'executable' | 'script' | 'macro' | 'html' | 'disk_image' | 'archive';

export function extensionOf(filename: string): string {
  const m = /\.([a-z0-9]{1,8})$/i.exec(filename.trim());
  return m?.[1]?.toLowerCase() ?? '';
}

/** The risk of one file name, by extension (a double extension such as invoice.pdf.exe counts by the last one). */
export function riskOfName(filename: string, contentType = ''): AttachmentRisk | null {
  const ext = extensionOf(filename);
  if (EXECUTABLE.includes(ext)) return 'executable';
  if (SCRIPT.includes(ext)) return 'script';
  if (MACRO_OFFICE.includes(ext) || /macroenabled/i.test(contentType)) return 'macro';
  if (HTML.includes(ext) || (ext === '' && /^text\/html\b/i.test(contentType))) return 'html';
  if (DISK_IMAGE.includes(ext)) return 'disk_image';
  if (ARCHIVE.includes(ext) || /^application\/(zip|x-zip|x-rar|x-7z|gzip|x-tar)/i.test(contentType)) return 'archive';
  return null;
}

const PASSWORD_WORDS = /\b(password|passwort|kennwort|wachtwoord|paswoord|mot de passe)\b/i;

/**
 * Reason codes for the attachments: attachment_<risk> for a dangerous file (also when inside a listed archive),
 * archive_password when an archive is encrypted, or when an archive comes with a password in the text.
 */
export function attachmentReasons(attachments: readonly AttachmentInfo[], bodyText: string): string[] {
  const reasons = new Set<string>();
  for (const a of attachments) {
    const risk = riskOfName(a.filename, a.contentType);
    if (risk === null) continue;
    if (risk !== 'archive') {
      reasons.add(`attachment_${risk}`);
      continue;
    }
    const inner = (a.entries ?? []).map((e) => riskOfName(e)).filter((r): r is AttachmentRisk => r !== null && r !== 'archive');
    for (const r of inner) reasons.add(`attachment_${r}`);
    if (a.encrypted || PASSWORD_WORDS.test(bodyText)) reasons.add('archive_password');
  }
  return [...reasons];
}

/**
 * File names from a ZIP's central directory, and whether any entry is encrypted (general purpose flag bit 0).
 * Returns null for anything that is not a readable ZIP; never throws on junk.
 */
export function listZip(bytes: Uint8Array): { entries: string[]; encrypted: boolean } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  const stop = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: string[] = [];
  let encrypted = false;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let n = 0; n < count && n < 1000; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return entries.length > 0 ? { entries, encrypted } : null;
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) break;
    entries.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    if ((flags & 1) === 1) encrypted = true;
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, encrypted };
}
