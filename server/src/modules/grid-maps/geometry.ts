/**
 * Plausible, non-overlapping demo boundaries, deterministic from the place codes: a county outline,
 * cut into streets, each street into its communities, each community into its grids — every cut a
 * Voronoi partition of seeded points clipped to the parent (convex cells inside a convex parent,
 * so siblings never overlap and together fill the parent). No tile server and no GIS library:
 * the whole job is half-plane clipping.
 */
import { Prng } from '../../lib/prng'

export type Pt = [number, number]
export type Ring = Pt[]

/** Clip a convex polygon to the half-plane of points closer to `a` than to `b`. */
function clipCloser(poly: Ring, a: Pt, b: Pt): Ring {
  const nx = b[0] - a[0]
  const ny = b[1] - a[1]
  const c = (b[0] * b[0] + b[1] * b[1] - a[0] * a[0] - a[1] * a[1]) / 2
  const side = (p: Pt) => nx * p[0] + ny * p[1] - c // ≤ 0: closer to a
  const out: Ring = []
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i]!
    const q = poly[(i + 1) % poly.length]!
    const sp = side(p)
    const sq = side(q)
    if (sp <= 0) out.push(p)
    if ((sp <= 0) !== (sq <= 0)) {
      const t = sp / (sp - sq)
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    }
  }
  return out
}

/** The Voronoi cells of `seeds`, each clipped to the convex `parent`. */
export function voronoiIn(parent: Ring, seeds: Pt[]): Ring[] {
  return seeds.map((s, i) => seeds.reduce<Ring>((cell, o, j) => (i === j || cell.length === 0 ? cell : clipCloser(cell, s, o)), parent))
}

export function area(r: Ring): number {
  let s = 0
  for (let i = 0; i < r.length; i++) {
    const p = r[i]!
    const q = r[(i + 1) % r.length]!
    s += p[0] * q[1] - q[0] * p[1]
  }
  return s / 2
}

export function centroid(r: Ring): Pt {
  const a = area(r)
  if (Math.abs(a) < 1e-15) return r[0]!
  let x = 0
  let y = 0
  for (let i = 0; i < r.length; i++) {
    const p = r[i]!
    const q = r[(i + 1) % r.length]!
    const k = p[0] * q[1] - q[0] * p[1]
    x += (p[0] + q[0]) * k
    y += (p[1] + q[1]) * k
  }
  return [x / (6 * a), y / (6 * a)]
}

export function contains(r: Ring, p: Pt): boolean {
  let inside = false
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[i]!
    const b = r[j]!
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/**
 * `n` cells partitioning `parent`, from seeds placed by a PRNG seeded with `key`, relaxed twice
 * (Lloyd) so the cells are even-sized, and ordered north → south, west → east (how grids are
 * numbered, DOMAIN §6).
 */
export function partition(parent: Ring, n: number, key: string): Ring[] {
  if (n <= 0) return []
  if (n === 1) return [parent]
  const prng = new Prng(key)
  const xs = parent.map((p) => p[0])
  const ys = parent.map((p) => p[1])
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  let seeds: Pt[] = []
  for (let tries = 0; seeds.length < n && tries < n * 500; tries++) {
    const p: Pt = [minX + prng.next() * (maxX - minX), minY + prng.next() * (maxY - minY)]
    if (contains(parent, p)) seeds.push(p)
  }
  while (seeds.length < n) seeds.push(centroid(parent))
  for (let k = 0; k < 2; k++) seeds = voronoiIn(parent, seeds).map((c, i) => (c.length >= 3 ? centroid(c) : seeds[i]!))
  const band = (maxY - minY) / Math.max(1, Math.round(Math.sqrt(n)))
  seeds.sort((a, b) => Math.floor((maxY - a[1]) / band) - Math.floor((maxY - b[1]) / band) || a[0] - b[0])
  return voronoiIn(parent, seeds)
}

/** A county's outline: an irregular convex 14-gon around its centre, about 40 km across. */
export function countyOutline(center: Pt, key: string, radiusDeg = 0.2): Ring {
  const prng = new Prng(key)
  const k = 14
  const ring: Ring = []
  for (let i = 0; i < k; i++) {
    const t = (i / k) * 2 * Math.PI
    const r = radiusDeg * (0.85 + 0.15 * prng.next())
    ring.push([center[0] + (r * Math.cos(t)) / Math.cos((center[1] * Math.PI) / 180), center[1] + r * Math.sin(t)])
  }
  return ring
}

/** A GeoJSON Polygon (closed ring, 6 decimals ≈ 0.1 m). */
export function toGeoJson(r: Ring): { type: 'Polygon'; coordinates: number[][][] } {
  const pts = r.map(([x, y]) => [Number(x.toFixed(6)), Number(y.toFixed(6))])
  return { type: 'Polygon', coordinates: [[...pts, pts[0]!]] }
}
