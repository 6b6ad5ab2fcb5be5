/** Backup and restore of the database and the file store (`yiwang backup`, `yiwang restore`). */
export { BackupError, readArchive, type BackupManifest } from './archive'
export { createBackup, defaultBackupName, type BackupResult } from './backup'
export { restoreBackup, type RestoreResult } from './restore'
