/** One wish as a card: what is wished, for whom (masked unless the reader may see the name), where, and its state. */
import type { ReactNode } from 'react'
import { Tag } from 'antd-mobile'

const COLOR: Record<string, string> = { published: '#d46b08', claimed: '#1d39c4', fulfilled: '#531dab', closed: '#237804', cancelled: '#595959' }

export function WishCard({ title, who, place, status, statusName, extra, onClick }: { title: string; who: string; place: string; status: string; statusName: string; extra?: ReactNode; onClick?: () => void }) {
  const body = (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <strong style={{ fontSize: '1.05rem' }}>{title}</strong>
        <Tag fill="outline" style={{ '--border-color': COLOR[status] ?? '#595959', '--text-color': COLOR[status] ?? '#595959', flex: 'none' } as React.CSSProperties}>
          {statusName}
        </Tag>
      </div>
      <div style={{ color: '#595959', marginTop: 6 }}>
        {who} · {place}
      </div>
      {extra}
    </>
  )
  const style: React.CSSProperties = { display: 'block', width: '100%', textAlign: 'left', background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: 14, marginBottom: 10, font: 'inherit', color: 'inherit' }
  return onClick ? (
    <button type="button" style={{ ...style, cursor: 'pointer' }} onClick={onClick}>
      {body}
    </button>
  ) : (
    <div style={style}>{body}</div>
  )
}
