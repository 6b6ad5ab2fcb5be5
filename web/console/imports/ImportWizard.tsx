/**
 * The console's one Excel import wizard, for every register (the server's pipeline is core/excel):
 * 下载模板 → 上传文件 → 核对（列映射 + 逐行错误报告）→ 导入 → 结果. Nothing is written until 导入, and only
 * when every row is right; importing the same sheet twice changes nothing.
 */
import { useEffect, useState, type ReactNode } from 'react'
import { Alert, Button, Card, Collapse, Progress, Result, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd'
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { normalizeHeader, type CommitResult, type DryRunResult, type ImportColumnInfo, type ImporterInfo, type ImportProgress, type ImportRowError } from '#contracts/imports'
import { ApiError, download, errorText, get, post, postForm } from '../../shared/api'
import { notifier } from '../shell/notifier'
import { useTableExport } from '../shell/useTableExport'
import { PageError, PageLoading } from '../shell/states'

const STEPS = ['下载模板', '上传文件', '核对', '导入', '结果'] as const

/** A header of the sheet and the column chosen for it ('' = ignore). */
type Mapping = Record<string, string>

/** The columns the server would pick for a sheet's headers by themselves (header or alias, compared as it compares). */
function autoMapping(headers: string[], columns: ImportColumnInfo[]): Mapping {
  const byName = new Map<string, string>()
  for (const c of columns) for (const h of [c.header, ...(c.aliases ?? [])]) byName.set(normalizeHeader(h), c.key)
  const taken = new Set<string>()
  const m: Mapping = {}
  for (const h of headers) {
    const key = byName.get(normalizeHeader(h))
    m[h] = key && !taken.has(key) ? key : ''
    if (key) taken.add(key)
  }
  return m
}

/** Seconds since a moment, ticking while `on`. */
function useElapsed(on: boolean): number {
  const [since, setSince] = useState(0)
  const [now, setNow] = useState(0)
  useEffect(() => {
    if (!on) return
    const start = Date.now()
    setSince(start)
    setNow(start)
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [on])
  return on ? Math.floor((now - since) / 1000) : 0
}

export interface ImportWizardProps {
  /** the register's name in the API: /imports/<register>/… */
  register: string
  /** shown on the result step: where to see what was imported */
  resultLink?: ReactNode
}

export function ImportWizard({ register, resultLink }: ImportWizardProps) {
  const [step, setStep] = useState(0)
  const [file, setFile] = useState<File | null>(null)
  const [mapping, setMapping] = useState<Mapping | null>(null)
  const [report, setReport] = useState<DryRunResult | null>(null)
  /** the sheet's headers when they did not match (400 IMPORT_COLUMNS_MISMATCH) */
  const [mismatch, setMismatch] = useState<{ message: string; found: string[]; missing: string[] } | null>(null)
  const [result, setResult] = useState<CommitResult | null>(null)
  /** the sheet's headers, kept across re-checks (a refused mapping must not empty the mapping table) */
  const [headers, setHeaders] = useState<string[]>([])
  /** a dry run going on in the server's background (202): polled until checked or failed */
  const [running, setRunning] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const info = useQuery({ queryKey: ['imports', register, 'columns'], queryFn: ({ signal }) => get<ImporterInfo>(`/imports/${register}/columns`, undefined, signal) })

  const showReport = (r: DryRunResult) => {
    setReport(r)
    setHeaders(r.mapping.map((x) => x.header))
    setMapping(Object.fromEntries(r.mapping.map((x) => [x.header, x.key ?? ''])))
    setStep(2)
  }
  const check = useMutation({
    mutationFn: ({ f, m }: { f: File; m: Mapping | null }) => {
      const form = new FormData()
      if (m) form.append('mapping', JSON.stringify(m))
      form.append('file', f, f.name)
      // the server answers at once (202) and checks in the background; the wizard polls the batch's progress
      return postForm<DryRunResult | ImportProgress>(`/imports/${register}/dry-run`, form, { prefer: 'respond-async' })
    },
    meta: { silent: true },
    onMutate: () => {
      setReport(null)
      setMismatch(null)
      setFailure(null)
    },
    onSuccess: (r) => {
      if ('status' in r) setRunning(r.importId)
      else showReport(r)
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'IMPORT_COLUMNS_MISMATCH') {
        const found = (e.details ?? []).filter((d) => d.field === 'found').map((d) => d.column ?? '')
        setMismatch({ message: e.message, found, missing: (e.details ?? []).filter((d) => d.field === 'missing').map((d) => d.column ?? '') })
        setHeaders(found)
        // what the server matched by itself stays chosen; the person picks the rest
        setMapping((m) => ({ ...autoMapping(found, info.data?.columns ?? []), ...(m ?? {}) }))
        setStep(2)
      }
    },
  })
  const progress = useQuery({
    queryKey: ['imports', 'progress', running],
    queryFn: ({ signal }) => get<ImportProgress>(`/imports/${running}`, undefined, signal),
    enabled: running !== null,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'checking' ? false : 700),
    gcTime: 0,
  })
  useEffect(() => {
    const p = progress.data
    if (!p || p.importId !== running || p.status === 'checking') return
    setRunning(null)
    if (p.status === 'failed') setFailure(p.failure ?? '核对失败，请重新上传')
    else if (p.report) showReport(p.report)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- showReport only sets state
  }, [progress.data, running])
  const checking = check.isPending || running !== null
  const commit = useMutation({
    mutationFn: (importId: string) => post<CommitResult>(`/imports/${register}/${importId}/commit`),
    onSuccess: (r) => {
      setResult(r)
      setStep(4)
    },
  })
  const exporting = useTableExport<ImportRowError>()
  const committing = useElapsed(commit.isPending)
  const checkingFor = useElapsed(checking)

  if (info.isPending) return <PageLoading />
  if (info.isError) return <PageError error={info.error} onRetry={() => void info.refetch()} />
  const columns = info.data.columns
  const restart = () => {
    setStep(1)
    setFile(null)
    setMapping(null)
    setReport(null)
    setMismatch(null)
    setResult(null)
    setHeaders([])
    setRunning(null)
    setFailure(null)
    check.reset()
    commit.reset()
  }
  const choose = (f: File) => {
    setFile(f)
    setMapping(null)
    check.mutate({ f, m: null })
  }
  const live = running !== null ? progress.data : undefined
  const checkingNote = (
    <Space direction="vertical" style={{ width: '100%' }} aria-live="polite">
      <Progress
        percent={live && live.total > 0 ? Math.min(99, Math.floor((live.processed / live.total) * 100)) : 0}
        status="active"
        showInfo={Boolean(live && live.total > 0)}
        aria-label="核对进度"
      />
      <Typography.Text type="secondary">
        {live ? `正在逐行核对：已核对 ${live.processed.toLocaleString('zh-CN')}${live.total > 0 ? ` / 约 ${live.total.toLocaleString('zh-CN')}` : ''} 行` : '正在上传并读取表头…'}（已用 {checkingFor} 秒；核对期间不会写入任何数据）
      </Typography.Text>
    </Space>
  )

  return (
    <Card>
      <Steps current={step} size="small" style={{ marginBottom: 24 }} items={STEPS.map((title) => ({ title }))} />

      {step === 0 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            请先下载「{info.data.title}」导入模板，按模板填写后上传。红色表头为必填列；有下拉箭头的列请从下拉列表中选择。一次最多 {info.data.maxRows.toLocaleString('zh-CN')} 行。
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={columns}
            columns={[
              { title: '列名', dataIndex: 'header', width: 140, render: (h: string, c) => (c.required ? <Typography.Text strong>{h}</Typography.Text> : h) },
              { title: '必填', width: 70, render: (_, c) => (c.required ? <Tag color="red">必填</Tag> : '选填') },
              { title: '填写要求', dataIndex: 'note' },
              { title: '可选值', render: (_, c) => c.options?.join('、') ?? '' },
            ]}
          />
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => void download(`/imports/${register}/template`, undefined, `${info.data.title}-导入模板.xlsx`).catch((e) => notifier.show(errorText(e), 'error'))}>
              下载模板
            </Button>
            <Button type="primary" onClick={() => setStep(1)}>
              已有填好的表格，下一步
            </Button>
          </Space>
        </Space>
      )}

      {step === 1 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={checking}
            beforeUpload={(f) => {
              choose(f)
              return false
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{checking ? '正在逐行核对…' : '点击或把 .xlsx 文件拖到这里'}</p>
            <p className="ant-upload-hint">上传后系统先逐行核对，不会写入任何数据</p>
          </Upload.Dragger>
          {checking && checkingNote}
          {check.isError && !mismatch && <Alert type="error" showIcon message={errorText(check.error)} />}
          {failure && <Alert type="error" showIcon message="核对未完成" description={failure} />}
          <Button onClick={() => setStep(0)} disabled={checking}>
            上一步
          </Button>
        </Space>
      )}

      {step === 2 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {mismatch && <Alert type="warning" showIcon message={mismatch.message} description="请在下方「列的对应关系」中为每一列选择对应的字段，然后重新核对。" />}
          {report && (
            <Alert
              type={report.errorCount ? 'error' : 'success'}
              showIcon
              message={
                report.errorCount
                  ? `「${file?.name ?? ''}」共 ${report.total} 行，${report.valid} 行无误，发现 ${report.errorCount} 处错误`
                  : `「${file?.name ?? ''}」共 ${report.total} 行，全部无误，可以导入`
              }
              description={report.errorCount ? '请按下面的错误报告改正表格后重新上传；全部无误才能导入，有错误时一行也不会写入。' : undefined}
            />
          )}
          <Space>
            <Button onClick={restart}>重新上传</Button>
            {report && report.errorCount === 0 && (
              <Button type="primary" onClick={() => setStep(3)}>
                下一步
              </Button>
            )}
          </Space>
          {report && report.errorCount > 0 && (
            <Card
              size="small"
              title={`逐行错误报告（${report.errorCount} 处${report.errorCount > report.errors.length ? `，列出前 ${report.errors.length} 处` : ''}）`}
              extra={
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={exporting.isPending}
                  onClick={() =>
                    exporting.mutate({
                      title: `${info.data.title}导入错误报告`,
                      note: `文件：${file?.name ?? ''}；共 ${report.total} 行，${report.errorCount} 处错误`,
                      columns: [
                        { header: '行', value: (e) => e.row },
                        { header: '列', value: (e) => e.column || '整行' },
                        { header: '值', value: (e) => e.value },
                        { header: '原因', value: (e) => e.message },
                      ],
                      rows: report.errors,
                    })
                  }
                >
                  下载错误报告
                </Button>
              }
            >
              <Table<ImportRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={report.errors}
                pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                columns={[
                  { title: '行', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 120, render: (c: string) => c || '整行' },
                  { title: '值', dataIndex: 'value', width: 200 },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            </Card>
          )}
          {report && report.sample.length > 0 && (
            <Card size="small" title="导入预览（前几行，个人信息已脱敏）">
              {/* a wide sheet scrolls sideways: the scrolling box takes the keyboard focus (arrow keys scroll it) */}
              <div role="region" aria-label="导入预览" tabIndex={0} style={{ overflowX: 'auto' }}>
                <Table
                  size="small"
                  rowKey={(_, i) => String(i)}
                  pagination={false}
                  dataSource={report.sample}
                  // only the columns the sheet filled: a register with twenty columns stays readable
                  columns={columns
                    .filter((c) => report.sample.some((r) => (r[c.key] ?? '') !== ''))
                    .map((c) => ({ title: <span style={{ whiteSpace: 'nowrap' }}>{c.header}</span>, dataIndex: c.key, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> }))}
                />
              </div>
            </Card>
          )}
          <Collapse
            size="small"
            defaultActiveKey={mismatch || report?.mapping.some((x) => x.key === null) ? ['mapping'] : []}
            items={[
              {
                key: 'mapping',
                label: `列的对应关系（${headers.length} 列${report ? `，${report.mapping.filter((x) => x.key !== null).length} 列已对应` : ''}）`,
                children: (
                  <>
                    <Table
                      size="small"
                      rowKey="header"
                      pagination={false}
                      dataSource={headers.map((header) => ({ header }))}
                      columns={[
                        { title: '表格中的列', dataIndex: 'header', width: 220 },
                        {
                          title: '对应字段',
                          render: (_, r) => (
                            <Select
                              aria-label={`「${r.header}」对应的字段`}
                              style={{ width: 220 }}
                              value={mapping?.[r.header] ?? ''}
                              onChange={(v: string) => setMapping((m) => ({ ...(m ?? {}), [r.header]: v }))}
                              options={[{ value: '', label: '（忽略此列）' }, ...columns.map((c) => ({ value: c.key, label: `${c.header}${c.required ? '（必填）' : ''}` }))]}
                            />
                          ),
                        },
                      ]}
                    />
                    <Button style={{ marginTop: 12 }} loading={checking} disabled={!file} onClick={() => file && check.mutate({ f: file, m: mapping })}>
                      按此对应关系重新核对
                    </Button>
                    {checking && <div style={{ marginTop: 12 }}>{checkingNote}</div>}
                    {check.isError && !mismatch && <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorText(check.error)} />}
                    {failure && <Alert style={{ marginTop: 12 }} type="error" showIcon message="核对未完成" description={failure} />}
                  </>
                ),
              },
            ]}
          />
        </Space>
      )}

      {step === 3 && report && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            message={`将导入 ${report.valid} 行「${info.data.title}」`}
            description="全部行在一次操作中写入：要么全部成功，要么一行也不写入。已有的记录按表格内容更新，内容相同的保持不变。导入会记入审计日志。"
          />
          {commit.isPending && (
            <Space direction="vertical" style={{ width: '100%' }} aria-live="polite">
              <Progress percent={100} status="active" showInfo={false} aria-label="导入进度" />
              <Typography.Text type="secondary">
                正在一次写入 {report.valid.toLocaleString('zh-CN')} 行，请勿关闭页面（已用 {committing} 秒；10 万行约需 1 分钟）
              </Typography.Text>
            </Space>
          )}
          <Space>
            <Button onClick={() => setStep(2)} disabled={commit.isPending}>
              上一步
            </Button>
            <Button type="primary" loading={commit.isPending} onClick={() => commit.mutate(report.importId)}>
              确认导入
            </Button>
          </Space>
        </Space>
      )}

      {step === 4 && result && (
        <Result
          status="success"
          title="导入完成"
          subTitle={`共 ${result.total} 行`}
          extra={
            <Space direction="vertical" size="large">
              <Space size={48}>
                <Statistic title="新增" value={result.inserted} />
                <Statistic title="更新" value={result.updated} />
                <Statistic title="未变化" value={result.unchanged} />
              </Space>
              <Space>
                <Button onClick={restart}>继续导入</Button>
                {resultLink}
              </Space>
            </Space>
          }
        />
      )}
    </Card>
  )
}
