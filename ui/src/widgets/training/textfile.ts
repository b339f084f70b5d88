/**
 * Reading a learner's own .txt file to train on, in the browser: refused before reading when
 * too big, decoded as strict UTF-8, and refused when empty or too short to learn from.
 */
import { characterCount } from "../../generation/format";
import { MAX_FILE_BYTES, MIN_TEXT_CHARS } from "./presets";

export type TextProblem =
  | { kind: "tooBig"; bytes: number; limit: number }
  | { kind: "notUtf8" }
  | { kind: "empty" }
  | { kind: "tooShort"; chars: number; min: number }
  | { kind: "unreadable"; message: string };

export type TextFile = { ok: true; name: string; text: string; chars: number; bytes: number } | { ok: false; name: string; problem: TextProblem };

/** Decodes UTF-8 strictly (a byte-order mark is dropped); null when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Checks decoded text: something besides white space, and enough of it. */
export function checkText(text: string, min = MIN_TEXT_CHARS): TextProblem | null {
  if (text.trim() === "") return { kind: "empty" };
  const chars = characterCount(text);
  if (chars < min) return { kind: "tooShort", chars, min };
  return null;
}

async function bytesOf(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

export async function readTextFile(file: File, limit = MAX_FILE_BYTES, min = MIN_TEXT_CHARS): Promise<TextFile> {
  const name = file.name;
  if (file.size > limit) return { ok: false, name, problem: { kind: "tooBig", bytes: file.size, limit } };
  let bytes: Uint8Array;
  try {
    bytes = await bytesOf(file);
  } catch (err) {
    return { ok: false, name, problem: { kind: "unreadable", message: err instanceof Error ? err.message : String(err) } };
  }
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, name, problem: { kind: "notUtf8" } };
  const problem = checkText(text, min);
  if (problem) return { ok: false, name, problem };
  return { ok: true, name, text, chars: characterCount(text), bytes: file.size };
}
