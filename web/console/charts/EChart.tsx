/**
 * ECharts, imported module by module (only the charts and components used here) and drawn as SVG:
 * no canvas, crisp when printed, nothing the CSP has to allow. Every chart carries a text
 * alternative; the data is always also shown as a table beside it.
 */
import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, MapChart, ScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

echarts.use([BarChart, LineChart, MapChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, GeoComponent, VisualMapComponent, SVGRenderer])

export { echarts }

export function EChart({ option, height = 300, label, onClick }: { option: EChartsCoreOption; height?: number; label: string; onClick?: (p: { name?: string; data?: unknown; seriesType?: string }) => void }) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  useEffect(() => {
    if (!ref.current) return
    const c = echarts.init(ref.current, undefined, { renderer: 'svg' })
    chart.current = c
    const resize = () => c.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      c.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])
  useEffect(() => {
    const c = chart.current
    if (!c || !onClick) return
    c.on('click', onClick as never)
    return () => void c.off('click')
  }, [onClick])
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />
}
