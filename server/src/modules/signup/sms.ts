/**
 * Where one-time codes go. Like the notification OutboundChannel (notifications/channel.ts), the
 * default only writes a log line — an SMS gateway adapter plugs in here. In demo mode the log line
 * carries the code (and the API returns it so the page can show it); otherwise the log never does.
 */
import type { FastifyBaseLogger } from 'fastify'
import { maskPhone } from '../../lib/pii'

export interface CodeSender {
  readonly name: string
  send(phone: string, text: string, code: string): Promise<void>
}

export class LoggingCodeSender implements CodeSender {
  readonly name = 'log'
  constructor(
    private readonly log: Pick<FastifyBaseLogger, 'info' | 'warn'> | undefined,
    private readonly demo: boolean,
  ) {}
  async send(phone: string, text: string, code: string): Promise<void> {
    if (this.demo) this.log?.info({ phone: maskPhone(phone), code }, `【演示】验证码短信：${text}`)
    else this.log?.warn({ phone: maskPhone(phone) }, '未配置短信通道，验证码未发出')
  }
}

let sender: CodeSender | undefined
/** Replace the code sender (an SMS adapter in production, a spy in tests). */
export function setCodeSender(s: CodeSender | undefined): void {
  sender = s
}
export function codeSender(log: Pick<FastifyBaseLogger, 'info' | 'warn'> | undefined, demo: boolean): CodeSender {
  return sender ?? new LoggingCodeSender(log, demo)
}
