/** A field that opens a bottom picker of options — big, one-thumb friendly, with a visible label. */
import { Picker } from 'antd-mobile'
import { useState } from 'react'

export interface Choice {
  value: string
  label: string
}

export function ChoiceField({ label, placeholder, options, value, onChange, loading, disabled }: { label: string; placeholder: string; options: Choice[]; value?: string; onChange: (v: string) => void; loading?: boolean; disabled?: boolean }) {
  const [open, setOpen] = useState(false)
  const chosen = options.find((o) => o.value === value)
  return (
    <>
      <button
        type="button"
        className="yw-choice"
        disabled={disabled}
        onClick={() => setOpen(true)}
        aria-haspopup="listbox"
        aria-label={`${label}：${chosen?.label ?? placeholder}`}
        style={{
          width: '100%',
          minHeight: 'var(--yw-target)',
          textAlign: 'left',
          background: '#fff',
          border: '1px solid #d9d9d9',
          borderRadius: 8,
          padding: '10px 12px',
          font: 'inherit',
          color: chosen ? 'var(--adm-color-text)' : 'var(--adm-color-text-secondary)',
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <span>{loading ? '加载中…' : (chosen?.label ?? placeholder)}</span>
        <span aria-hidden>›</span>
      </button>
      <Picker
        columns={[options]}
        visible={open}
        title={label}
        onClose={() => setOpen(false)}
        value={value ? [value] : []}
        onConfirm={(v) => v[0] && onChange(String(v[0]))}
        confirmText="确定"
        cancelText="取消"
      />
    </>
  )
}
