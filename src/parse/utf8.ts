/**
 * Text files as UTF-8, strictly: a byte that is not UTF-8 (Latin-1 `é`, say) is a
 * located `encoding` error, never a silent U+FFFD. Used for content, data and
 * layout files alike.
 *
 * @module
 */
import { type Diagnostic, error, lineColumnAt } from "../errors/diagnostic.ts";

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Decodes a file's bytes as UTF-8 (a byte order mark is dropped), or returns an
 * `encoding` diagnostic at the line and column of the first byte that is not
 * UTF-8 (a Latin-1 `é`, say), instead of replacing it with U+FFFD.
 *
 * @example
 * ```ts
 * import { decodeUtf8 } from "./utf8.ts";
 * decodeUtf8(new Uint8Array([0x68, 0x69]), "data/x.yaml"); // { text: "hi" }
 * decodeUtf8(new Uint8Array([0x61, 0xe9]), "data/x.yaml"); // { diagnostics: [… 1:2 …] }
 * ```
 */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { text: string } | { diagnostics: Diagnostic[] } {
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    // The bytes before the first bad one are valid: decoded, they give its place.
    let before: string;
    try {
      before = STRICT_UTF8.decode(bytes.subarray(0, firstInvalidByte(bytes)));
    } catch {
      const lossy = new TextDecoder().decode(bytes);
      before = lossy.slice(0, Math.max(0, lossy.indexOf("\uFFFD")));
    }
    return {
      diagnostics: [
        error("encoding", "file is not valid UTF-8", {
          file,
          ...lineColumnAt(before, before.length),
          hint:
            "save the file with UTF-8 encoding (most editors: File → Save with Encoding → UTF-8)",
        }),
      ],
    };
  }
}

/** The offset of the first byte of `bytes` that does not start a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const [length, low, high] = b < 0x80
      ? [1, 0, 0]
      : b >= 0xc2 && b <= 0xdf
      ? [2, 0x80, 0xbf]
      : b === 0xe0
      ? [3, 0xa0, 0xbf]
      : b === 0xed
      ? [3, 0x80, 0x9f]
      : b >= 0xe1 && b <= 0xef
      ? [3, 0x80, 0xbf]
      : b === 0xf0
      ? [4, 0x90, 0xbf]
      : b >= 0xf1 && b <= 0xf3
      ? [4, 0x80, 0xbf]
      : b === 0xf4
      ? [4, 0x80, 0x8f]
      : [0, 0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte has a narrower range for some lead bytes; the rest are 80–BF.
    if (length > 1 && (bytes[i + 1] < low || bytes[i + 1] > high)) return i;
    for (let j = 2; j < length; j++) {
      if (bytes[i + j] < 0x80 || bytes[i + j] > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}
