/**
 * Number and time formatting for the training widgets. Pure functions: no Svelte, no DOM.
 * Losses arrive as numbers, or as null when the backend had none, or when the loss was not a
 * finite number (serde writes a NaN as null): both read as "—" unless the caller knows better.
 */
import type { Lang } from "../../lib/generated/Lang";

/** A loss in nats per token to two decimals; "—" when there is none. */
export function formatLoss(loss: number | null | undefined): string {
  if (loss === null || loss === undefined || !Number.isFinite(loss)) return "—";
  return loss.toFixed(2);
}

/** A count with thousands separators, the same in both languages: 12,345. */
export function formatInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return Math.round(n).toLocaleString("en-US");
}

/** Seconds as a person says them: "45 s", "3 min 20 s", "1 h 05 min" / "45 秒", "3 分 20 秒". */
export function formatDuration(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (lang === "zh") {
    if (h > 0) return `${h} 小时 ${m} 分`;
    if (m > 0) return sec ? `${m} 分 ${sec} 秒` : `${m} 分钟`;
    return `${sec} 秒`;
  }
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return sec ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

/** A run's creation time (seconds since the epoch) as local date and time: 2026-11-28 14:05. */
export function formatDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  if (Number.isNaN(d.getTime())) return "—";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A learning rate as it is usually written: 0.003, 3e-4, 0.3, 3. */
export function formatLr(lr: number): string {
  if (!Number.isFinite(lr)) return String(lr);
  if (lr !== 0 && Math.abs(lr) < 0.0001) {
    const [mantissa, exponent] = lr.toExponential().split("e");
    return `${Number(Number(mantissa).toPrecision(3))}e${exponent.replace("+", "")}`;
  }
  return String(Number(lr.toPrecision(3)));
}

/** Bytes in MB with one decimal, as files are usually described. */
export function formatMegabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
