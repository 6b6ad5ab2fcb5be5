/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, a cloud vendor's OSS/COS with its S3
 * endpoint), for several machines that share one store. The client is AWS's own SDK v3; uploads go
 * through its `Upload` helper, which streams a body of unknown length (one PUT when small, a multipart
 * upload otherwise, aborted on failure so no part is left behind).
 */
import type { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { FileStoreConfig } from '../env'
import { hashingStream, type FileStore, type ListedObject, type StoredObject } from './file-store'

type S3Config = Extract<FileStoreConfig, { kind: 's3' }>

function isMissing(e: unknown): boolean {
  if (e instanceof S3ServiceException) return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404
  return false
}

export class S3FileStore implements FileStore {
  readonly kind = 's3'
  readonly location: string
  private readonly client: S3Client
  private readonly bucket: string

  constructor(config: S3Config) {
    this.bucket = config.bucket
    this.location = `${config.endpoint ?? 's3'}/${config.bucket}`
    this.client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.accessKeyId && config.secretAccessKey
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
    })
  }

  async put(key: string, body: Readable, contentType: string): Promise<StoredObject> {
    const hasher = hashingStream()
    // errors of the source reach the upload through the hasher
    body.on('error', (e) => hasher.destroy(e))
    body.pipe(hasher)
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: hasher, ContentType: contentType },
      leavePartsOnError: false,
    })
    await upload.done()
    return hasher.result()
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
      return (res.Body as Readable | undefined) ?? null
    } catch (e) {
      if (isMissing(e)) return null
      throw e
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))
      return true
    } catch (e) {
      if (isMissing(e)) return false
      throw e
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
  }

  async *list(): AsyncIterable<ListedObject> {
    let token: string | undefined
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }))
      for (const o of page.Contents ?? []) {
        if (o.Key) yield { key: o.Key, modifiedAt: o.LastModified ?? new Date(0) }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  }

  async close(): Promise<void> {
    this.client.destroy()
  }
}
