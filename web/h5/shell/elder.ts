/** 长辈版: larger text and targets, remembered on this phone. */
const KEY = 'yw.elder'

export function isElderMode(): boolean {
  return localStorage.getItem(KEY) === '1'
}

export function applyElderMode(on = isElderMode()): void {
  document.documentElement.classList.toggle('elder', on)
}

export function setElderMode(on: boolean): void {
  localStorage.setItem(KEY, on ? '1' : '0')
  applyElderMode(on)
}
