/** A date range picker whose two inputs are both labelled (antd labels only the first by itself). */
import { useId } from 'react'
import { DatePicker } from 'antd'
import type { Dayjs } from 'dayjs'

type RangeValue = [Dayjs | null, Dayjs | null] | null

export function DateRange({ value, onChange, label, allowClear = true, id }: { value?: RangeValue; onChange?: (v: RangeValue) => void; label: string; allowClear?: boolean; id?: string }) {
  const auto = useId()
  const base = id ?? auto
  return (
    <>
      <label className="yw-sr" htmlFor={`${base}-start`}>
        {label}：开始日期
      </label>
      <label className="yw-sr" htmlFor={`${base}-end`}>
        {label}：结束日期
      </label>
      <DatePicker.RangePicker id={{ start: `${base}-start`, end: `${base}-end` }} value={value ?? null} onChange={(v) => onChange?.(v as RangeValue)} allowClear={allowClear} style={{ width: '100%' }} />
    </>
  )
}
