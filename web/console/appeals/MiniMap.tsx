import { useQuery } from '@tanstack/react-query'
import type { Place } from '#contracts/places'
import { get } from '../../shared/api'
import { fit, pathOf, ringsOf } from '../../shared/geo'

/** The appeal's point inside its grid's outline — only when the appeal has real coordinates. */
export function MiniMap({ gridCode, lat, lng }: { gridCode: string; lat: number; lng: number }) {
  const grid = useQuery({ queryKey: ['places', gridCode], queryFn: ({ signal }) => get<Place>(`/places/${gridCode}`, undefined, signal) })
  const rings = ringsOf(grid.data?.boundary)
  const w = 280
  const h = 180
  const p = fit(rings, [[lng, lat]], w, h, 16)
  return (
    <figure style={{ margin: 0 }}>
      <svg width={w} height={h} role="img" aria-label={`位置：东经 ${lng.toFixed(5)}，北纬 ${lat.toFixed(5)}`} style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6 }}>
        {rings.map((r, i) => (
          <path key={i} d={pathOf(r, p)} fill="#e6f4ff" stroke="#0958d9" strokeWidth={1.5} />
        ))}
        <circle cx={p.x(lng)} cy={p.y(lat)} r={7} fill="#b7141b" stroke="#fff" strokeWidth={2} />
      </svg>
      <figcaption className="yw-muted" style={{ fontSize: 12 }}>
        东经 {lng.toFixed(5)}，北纬 {lat.toFixed(5)}
      </figcaption>
    </figure>
  )
}
