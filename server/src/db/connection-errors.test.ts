/** Which errors mean "the database is away" (503, retry later) and which are the statement's own fault (500, 4xx). */
import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from './connection-errors'

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code })
/** how Drizzle reports a failed query: its own error, the driver's as the cause */
const drizzleWrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause })

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['admin shutdown (57P01: fast or immediate stop)', withCode('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown (57P02)', withCode('57P02')],
    ['starting up or in recovery (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300')],
    ['a connection exception of class 08', withCode('08006')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a client whose connection failed', new Error('Client has encountered a connection error and is not queryable')],
    ['no free connection in time', new Error('timeout exceeded when trying to connect')],
    ['wrapped by Drizzle', drizzleWrapped(new Error('Connection terminated unexpectedly'))],
    ['every address of a host refused', Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), { code: undefined })],
  ])('%s: unavailable', (_name, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true)
  })

  it.each([
    ['a unique violation', drizzleWrapped(withCode('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', withCode('42601')],
    ['a serialization failure', withCode('40001')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated unexpectedly'],
    ['nothing', undefined],
  ])('%s: not unavailable', (_name, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false)
  })

  it('a cycle of causes does not loop', () => {
    const a = new Error('a') as Error & { cause?: unknown }
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(isDatabaseUnavailable(a)).toBe(false)
  })
})
