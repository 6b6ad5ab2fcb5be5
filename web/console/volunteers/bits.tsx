import type { ActivityStatus as Status, SignupStatus } from '#contracts/volunteer-names'
import { Pill, type Tone } from '../shell/Pill'

const ACTIVITY_TONES: Record<Status, Tone> = { draft: 'gray', published: 'blue', closed: 'orange', ongoing: 'green', finished: 'gray', cancelled: 'red' }
const SIGNUP_TONES: Record<SignupStatus, Tone> = { signedUp: 'blue', checkedIn: 'orange', completed: 'green', cancelled: 'gray' }

export const ActivityStatus = ({ status, name }: { status: Status; name: string }) => <Pill tone={ACTIVITY_TONES[status]}>{name}</Pill>
export const SignupStatusPill = ({ status, name }: { status: SignupStatus; name: string }) => <Pill tone={SIGNUP_TONES[status]}>{name}</Pill>

/** A table's empty text in a colour that keeps 4.5:1 contrast. */
export const Empty = ({ text }: { text: string }) => <span style={{ color: '#595959' }}>{text}</span>
