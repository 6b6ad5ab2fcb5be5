/**
 * The two Excel buttons of a register page. 导出 asks the server for the filtered view as .xlsx (masked for the
 * caller's role, with the watermark line, audited — the server's export of that register); a failure is shown
 * by the shared mutation path (web/shared/query.ts), like any failed write. 导入 opens the register's import wizard.
 */
import { DownloadOutlined, ImportOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { Button } from 'antd'
import type { ReactNode } from 'react'
import { useNavigate } from 'react-router'
import { download, type Query } from '../../shared/api'

export function ExportButton({ path, query, fileName, size, children = '导出' }: { path: string; query?: Query; fileName: string; size?: 'small'; children?: ReactNode }) {
  const exporting = useMutation({ mutationFn: () => download(path, query, fileName) })
  return (
    <Button size={size} icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()}>
      {children}
    </Button>
  )
}

export function ImportButton({ to, children = '导入' }: { to: string; children?: ReactNode }) {
  const navigate = useNavigate()
  return (
    <Button icon={<ImportOutlined />} onClick={() => void navigate(to)}>
      {children}
    </Button>
  )
}
