/** One wish as a card: what is wished, for whom (masked unless the reader may see the name), where, and its state. */
import type { ReactNode } from 'react'

// foreground colours that keep 4.5:1 contrast on white
const COLOR: Record<string, string> = { published: '#873800', claimed: '#003eb3', fulfilled: '#391085', closed: '#135200', cancelled: '#434343' }

export function WishCard({ title, who, place, status, statusName, extra, onClick }: { title: string; who: string; place: string; status: string; statusName: string; extra?: ReactNode; onClick?: () => void }) {
  const body = (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <strong style={{ fontSize: '1.05rem' }}>{title}</strong>
        <span style={{ flex: 'none', color: COLOR[status] ?? '#434343', border: `1px solid ${COLOR[status] ?? '#434343'}`, borderRadius: 4, padding: '0 6px', fontSize: '0.85rem', background: '#fff' }}>
          {statusName}
        </span>
      </div>
      <div style={{ color: '#595959', marginTop: 6 }}>
        {who} · {place}
      </div>
      {extra}
    </>
  )
  const style: React.CSSProperties = { display: 'block', width: '100%', boxSizing: 'border-box', textAlign: 'left', background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: 14, marginBottom: 10, font: 'inherit', color: 'inherit' }
  return onClick ? (
    <button type="button" style={{ ...style, cursor: 'pointer' }} onClick={onClick}>
      {body}
    </button>
  ) : (
    <div style={style}>{body}</div>
  )
}
