/** Minimal GeoJSON helpers for drawing grid outlines as SVG (no tile server, no map library). */
export type Ring = [number, number][]

export function ringsOf(geometry: unknown): Ring[] {
  const g = geometry as { type?: string; coordinates?: unknown } | null
  if (!g?.coordinates) return []
  if (g.type === 'Polygon') return (g.coordinates as Ring[]).slice(0, 1)
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).map((p) => p[0]!).filter(Boolean)
  return []
}

export interface Projection {
  x(lng: number): number
  y(lat: number): number
}

/** An equirectangular projection fitting the rings (and extra points) into width × height. */
export function fit(rings: Ring[], extra: [number, number][], width: number, height: number, pad = 8): Projection {
  const pts = [...rings.flat(), ...extra]
  const xs = pts.map((p) => p[0])
  const ys = pts.map((p) => p[1])
  const minX = Math.min(...xs)
  const maxX = Math.max(...xs)
  const minY = Math.min(...ys)
  const maxY = Math.max(...ys)
  const kx = Math.cos(((minY + maxY) / 2) * (Math.PI / 180))
  const w = Math.max((maxX - minX) * kx, 1e-9)
  const h = Math.max(maxY - minY, 1e-9)
  const s = Math.min((width - 2 * pad) / w, (height - 2 * pad) / h)
  const ox = (width - w * s) / 2
  const oy = (height - h * s) / 2
  return { x: (lng) => ox + (lng - minX) * kx * s, y: (lat) => height - oy - (lat - minY) * s }
}

export const pathOf = (ring: Ring, p: Projection) => `M${ring.map(([x, y]) => `${p.x(x).toFixed(1)},${p.y(y).toFixed(1)}`).join('L')}Z`
