// A QR code from the agent's module rows ("1" dark, "0" light, quiet zone included): the agent
// encodes (the draw stage's commitment, the enrollment screen's key), the page only draws, on a
// canvas one pixel per module that CSS scales up without smoothing (image-rendering: pixelated).
import { h } from "./dom";

export function qrCanvas(rows: string[], cls: string, testId: string): HTMLCanvasElement | null {
  if (rows.length === 0) return null;
  const n = rows.length;
  const canvas = h("canvas", { class: cls, "data-testid": testId, width: String(n), height: String(n), role: "img", "aria-label": "QR" });
  const g = canvas.getContext("2d");
  if (g) {
    g.fillStyle = "#fff";
    g.fillRect(0, 0, n, n);
    g.fillStyle = "#000";
    rows.forEach((row, y) => [...row].forEach((c, x) => c === "1" && g.fillRect(x, y, 1, 1)));
  }
  return canvas;
}
