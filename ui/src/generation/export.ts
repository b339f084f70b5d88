/**
 * Saving panels for slides, as SVG and PNG. The builders here are pure (strings in, strings
 * out) so they are tested in jsdom; only rasterising and the download touch the browser.
 */

const SVG_NS = "http://www.w3.org/2000/svg";
export const EXPORT_FONT = `"Noto Sans", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;
export const EXPORT_MONO = `"Noto Sans Mono", "DejaVu Sans Mono", monospace`;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A standalone SVG document: white paper, fonts set, the given body. */
export function svgDocument(width: number, height: number, body: string, title?: string): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return (
    `<svg xmlns="${SVG_NS}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family='${EXPORT_FONT}'>` +
    (title ? `<title>${escapeXml(title)}</title>` : "") +
    `<rect width="${w}" height="${h}" fill="#ffffff"/>` +
    body +
    `</svg>`
  );
}

/** Width and height of an SVG document from its root attributes (or its viewBox). */
export function svgSize(svg: string): { width: number; height: number } | null {
  const root = svg.match(/<svg\b[^>]*>/);
  if (!root) return null;
  const attr = (name: string) => root[0].match(new RegExp(`\\s${name}="([\\d.]+)(px)?"`))?.[1];
  const width = attr("width");
  const height = attr("height");
  if (width && height) return { width: Number(width), height: Number(height) };
  const box = root[0].match(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/);
  return box ? { width: Number(box[1]), height: Number(box[2]) } : null;
}

/** Presentation properties copied from the live page so an exported SVG looks the same. */
const INLINED = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "font-size",
  "font-weight",
  "font-family",
  "text-anchor",
  "dominant-baseline",
];

/**
 * An SVG element on the page as a standalone document: computed styles inlined (the page's
 * CSS does not travel), namespaces set, a white background behind it.
 */
export function serializeSvg(svg: SVGSVGElement, title?: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const view = svg.ownerDocument.defaultView;
  if (view && typeof view.getComputedStyle === "function") {
    const originals = [svg, ...Array.from(svg.querySelectorAll("*"))];
    const copies = [clone, ...Array.from(clone.querySelectorAll("*"))];
    const computed = new Map<Element, CSSStyleDeclaration>(originals.map((el) => [el, view.getComputedStyle(el)]));
    originals.forEach((original, i) => {
      const own = computed.get(original)!;
      const parent = original === svg ? undefined : computed.get(original.parentElement as Element);
      const style: string[] = [];
      for (const property of INLINED) {
        const value = own.getPropertyValue(property);
        // Inherited values travel with the parent; only what differs is written.
        if (value && !value.includes("var(") && value !== parent?.getPropertyValue(property)) style.push(`${property}:${value}`);
      }
      if (style.length > 0) {
        const existing = copies[i].getAttribute("style");
        copies[i].setAttribute("style", existing ? `${style.join(";")};${existing}` : style.join(";"));
      }
      copies[i].removeAttribute("class");
    });
  }
  const viewBox = svg.viewBox?.baseVal;
  const width = Number(svg.getAttribute("data-export-width")) || viewBox?.width || svg.clientWidth || 800;
  const height = Number(svg.getAttribute("data-export-height")) || viewBox?.height || svg.clientHeight || 400;
  // XMLSerializer writes the SVG namespace itself for an element in it.
  if (clone.namespaceURI !== SVG_NS) clone.setAttribute("xmlns", SVG_NS);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!clone.getAttribute("font-family")) clone.setAttribute("font-family", EXPORT_FONT);
  const background = svg.ownerDocument.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  clone.insertBefore(background, clone.firstChild);
  if (title) {
    const titleEl = svg.ownerDocument.createElementNS(SVG_NS, "title");
    titleEl.textContent = title;
    clone.insertBefore(titleEl, clone.firstChild);
  }
  return new XMLSerializer().serializeToString(clone);
}

/** A canvas picture wrapped in an SVG (slides tools take SVG; the pixels come along). */
export function svgFromImage(dataUrl: string, width: number, height: number, title?: string): string {
  return svgDocument(width, height, `<image href="${escapeXml(dataUrl)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}"/>`, title);
}

export function svgBlob(svg: string): Blob {
  return new Blob([svg], { type: "image/svg+xml;charset=utf-8" });
}

/** A safe file name from a panel name: "attention-L2-H1.svg". */
export function exportFileName(name: string, extension: "svg" | "png"): string {
  const base = name
    .normalize("NFKD")
    .replace(/[^\w\u4e00-\u9fff-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "glassbox"}.${extension}`;
}

/** Draws an SVG document into a PNG at `scale` × its size (crisp on a projector). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const size = svgSize(svg) ?? { width: 800, height: 400 };
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(size.width * scale);
    canvas.height = Math.ceil(size.height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasToPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the picture could not be encoded"))), "image/png"),
  );
}

/** Hands `blob` to the webview as a download through an <a download> link. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Approximate text width for layout without a canvas: CJK and full-width count 1 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide = code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x20000);
    ems += wide ? 1 : 0.62;
  }
  return ems * fontSize;
}
