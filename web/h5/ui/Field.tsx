/**
 * antd-mobile's Input and TextArea copy an aria-label onto their wrapper div too (a role-less
 * element with a label, which screen readers and axe reject). These wrappers label them the
 * ordinary way: a <label for> — visible, or visually hidden when a heading already asks the question.
 */
import { useId } from 'react'
import { Input, TextArea, type InputProps, type TextAreaProps } from 'antd-mobile'

export function TextField({ label, hideLabel, ...rest }: InputProps & { label: string; hideLabel?: boolean }) {
  const id = useId()
  return (
    <>
      <label htmlFor={id} className={hideLabel ? 'yw-sr' : 'yw-label'}>
        {label}
      </label>
      <Input id={id} {...rest} />
    </>
  )
}

export function TextAreaField({ label, hideLabel, ...rest }: TextAreaProps & { label: string; hideLabel?: boolean }) {
  const id = useId()
  return (
    <>
      <label htmlFor={id} className={hideLabel ? 'yw-sr' : 'yw-label'}>
        {label}
      </label>
      <TextArea id={id} {...rest} />
    </>
  )
}
