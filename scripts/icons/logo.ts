/**
 * The Switchboard mark, as geometry: this is the icons' one source image. A rounded square with a blue
 * gradient holding a small patch panel: two columns of three jacks, with three cables crossing between
 * them. Coordinates are fractions of the icon's side (0 at the top left, 1 at the bottom right), so every
 * size is drawn from the same definition instead of being scaled from a bitmap.
 */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0..1 */
  readonly a: number;
}

interface Point {
  readonly x: number;
  readonly y: number;
}

/** The empty margin around the rounded square (room for the platforms' shadows and masks). */
const MARGIN = 0.07;
const CORNER_RADIUS = 0.2;
const TOP_COLOR: Rgba = { r: 0x4f, g: 0x7c, b: 0xff, a: 1 };
const BOTTOM_COLOR: Rgba = { r: 0x27, g: 0x38, b: 0xc4, a: 1 };
const CABLE_COLOR: Rgba = { r: 0xd6, g: 0xe2, b: 0xff, a: 1 };
const JACK_COLOR: Rgba = { r: 0xff, g: 0xff, b: 0xff, a: 1 };
const SOCKET_COLOR: Rgba = { r: 0x1c, g: 0x26, b: 0x8c, a: 1 };
const TRANSPARENT: Rgba = { r: 0, g: 0, b: 0, a: 0 };

const CABLE_HALF_WIDTH = 0.026;
const JACK_RADIUS = 0.075;
const SOCKET_RADIUS = 0.032;

const ROWS = [0.3, 0.5, 0.7] as const;
const LEFT_X = 0.3;
const RIGHT_X = 0.7;
const left = ROWS.map((y) => ({ x: LEFT_X, y }));
const right = ROWS.map((y) => ({ x: RIGHT_X, y }));

/** Which left jack is patched to which right jack. */
const CABLES: readonly (readonly [number, number])[] = [
  [0, 2],
  [1, 0],
  [2, 1],
];
const cableSegments: readonly (readonly [Point, Point])[] = CABLES.map(([from, to]) => [
  at(left, from),
  at(right, to),
]);
const jacks: readonly Point[] = [...left, ...right];

function at(points: readonly Point[], index: number): Point {
  const point = points[index];
  if (point === undefined) throw new Error(`no jack ${String(index)}`);
  return point;
}

/** Math.sqrt is exactly rounded everywhere (Math.hypot is not), which keeps the output reproducible. */
function length(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

/** Signed distance to the rounded square: negative inside. */
function roundedSquareDistance(x: number, y: number): number {
  const half = 0.5 - MARGIN;
  const qx = Math.abs(x - 0.5) - (half - CORNER_RADIUS);
  const qy = Math.abs(y - 0.5) - (half - CORNER_RADIUS);
  const outside = length(Math.max(qx, 0), Math.max(qy, 0));
  const inside = Math.min(Math.max(qx, qy), 0);
  return outside + inside - CORNER_RADIUS;
}

function segmentDistance(x: number, y: number, [a, b]: readonly [Point, Point]): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.min(1, Math.max(0, ((x - a.x) * dx + (y - a.y) * dy) / (dx * dx + dy * dy)));
  return length(x - (a.x + t * dx), y - (a.y + t * dy));
}

function mix(top: Rgba, bottom: Rgba, t: number): Rgba {
  return {
    r: top.r + (bottom.r - top.r) * t,
    g: top.g + (bottom.g - top.g) * t,
    b: top.b + (bottom.b - top.b) * t,
    a: 1,
  };
}

/** The colour of the mark at one point (no antialiasing: the renderer supersamples). */
export function logoColorAt(x: number, y: number): Rgba {
  if (roundedSquareDistance(x, y) > 0) return TRANSPARENT;
  for (const jack of jacks) {
    const distance = length(x - jack.x, y - jack.y);
    if (distance <= SOCKET_RADIUS) return SOCKET_COLOR;
    if (distance <= JACK_RADIUS) return JACK_COLOR;
  }
  if (cableSegments.some((segment) => segmentDistance(x, y, segment) <= CABLE_HALF_WIDTH)) return CABLE_COLOR;
  const t = Math.min(1, Math.max(0, (y - MARGIN) / (1 - 2 * MARGIN)));
  return mix(TOP_COLOR, BOTTOM_COLOR, t);
}
