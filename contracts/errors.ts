/**
 * Every error code the API answers with — each once, with its HTTP status and the Chinese message a
 * person reads. The server throws only these codes (`new AppError(code)`, typed against this list);
 * a thrower may give a more specific message for the same code, never another status. The web shows
 * `message` as the server wrote it and branches on `code`.
 */
export const ERRORS = {
  // ---- 400: input ---------------------------------------------------------------------------
  CODE_INVALID: { status: 400, message: '验证码不正确或已过期，请重新获取' },
  VALIDATION_FAILED: { status: 400, message: '输入有误，请检查后重试' },
  MALFORMED_JSON: { status: 400, message: '请求内容不是合法的 JSON' },
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  BAD_URL: { status: 400, message: '请求地址格式不正确' },
  INVALID_CURSOR: { status: 400, message: '分页游标无效，请从第一页重新查询' },
  EMPTY_FILE: { status: 400, message: '文件为空' },
  NO_FILE: { status: 400, message: '没有收到文件' },
  TOO_MANY_FILES: { status: 400, message: '一次只能上传一个文件' },
  TOO_MANY_PARTS: { status: 400, message: '上传内容包含过多字段' },
  MALFORMED_MULTIPART: { status: 400, message: '上传内容格式不正确，请重新选择文件上传' },
  UNKNOWN_FILE: { status: 400, message: '照片不存在或不是您上传的' },
  UNKNOWN_CATEGORY: { status: 400, message: '诉求分类不存在' },
  UNKNOWN_GRID: { status: 400, message: '网格不存在' },
  UNKNOWN_RESIDENT: { status: 400, message: '居民不存在或不在您的辖区内' },
  UNKNOWN_PARTY_MEMBER: { status: 400, message: '党员不存在或不在您的辖区内' },
  UNKNOWN_COMMUNITY: { status: 400, message: '社区不存在' },
  UNKNOWN_HOUSEHOLD: { status: 400, message: '住户不存在或不在您的范围内' },
  UNKNOWN_PROPERTY_COMPANY: { status: 400, message: '物业公司不存在或不在本县' },
  UNKNOWN_COMPOUND: { status: 400, message: '小区不存在或不在该社区' },
  UNKNOWN_BUILDING: { status: 400, message: '楼栋不存在或不在您的辖区内' },
  UNKNOWN_UNIT: { status: 400, message: '单元不存在或不属于该楼栋' },
  UNKNOWN_PARTY_ORG: { status: 400, message: '党组织不存在或不在该社区' },
  UNKNOWN_ACCOUNT: { status: 400, message: '账号不存在、已停用或不在本社区' },
  MFA_CODE_MISMATCH: { status: 400, message: '动态验证码不正确，请核对手机时间后输入验证器上当前显示的 6 位数字' },
  // three lists (三张清单) and micro-wishes (微心愿)
  UNKNOWN_NEED: { status: 400, message: '需求不存在、不在本社区或已立项' },
  UNKNOWN_RESOURCE: { status: 400, message: '资源不存在、不在本社区或已撤回' },
  UNKNOWN_DEPARTMENT: { status: 400, message: '部门不存在或不在本县' },
  UNKNOWN_PLACE: { status: 400, message: '地点不存在或不在您的辖区内' },

  // ---- 401: who are you ---------------------------------------------------------------------
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  ACCOUNT_DISABLED: { status: 401, message: '账号已停用' },
  MFA_CODE_INVALID: { status: 401, message: '动态验证码或恢复码不正确' },
  MFA_CODE_REUSED: { status: 401, message: '该动态验证码已经用过，请等验证器显示下一个验证码后再输入' },
  MFA_CHALLENGE_EXPIRED: { status: 401, message: '验证已超时，请重新输入用户名和密码' },

  // ---- 403: not yours to do -----------------------------------------------------------------
  FORBIDDEN: { status: 403, message: '您没有权限执行此操作' },
  FORBIDDEN_ACTION: { status: 403, message: '您的角色不能执行此操作' },
  CSRF_REJECTED: { status: 403, message: '请求来源校验失败，请刷新页面后重试' },
  PASSWORD_EXPIRED: { status: 403, message: '密码已超过 90 天未修改，请先修改密码' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录或密码被重置后，请先设置您自己的密码' },
  MFA_ENROLMENT_REQUIRED: { status: 403, message: '您的账号须启用两步验证，请先绑定验证器' },

  // ---- 404 ----------------------------------------------------------------------------------
  NOT_FOUND: { status: 404, message: '记录不存在或无权查看' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },

  // ---- 409: someone was faster ----------------------------------------------------------------
  PHONE_REGISTERED: { status: 409, message: '该手机号已注册，请直接用验证码登录' },
  CLAIM_TAKEN: { status: 409, message: '该住户申请已被他人处理' },
  VERSION_CONFLICT: { status: 409, message: '已被他人更新，请刷新后重试' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '相同的请求正在处理中，请稍后重试' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  ALREADY_REGISTERED: { status: 409, message: '已在该社区报到' },
  DEPARTMENT_CODE_TAKEN: { status: 409, message: '部门代码已被使用，请换一个简称' },
  RESIDENT_ALREADY_REGISTERED: { status: 409, message: '该身份证号的居民已经登记，请在原记录上修改（如迁入新住户）' },
  // three lists (三张清单) and micro-wishes (微心愿)
  PROJECT_ALREADY_CLAIMED: { status: 409, message: '该项目已被其他单位认领' },
  WISH_ALREADY_CLAIMED: { status: 409, message: '该心愿已被其他党员认领' },
  NEED_FROM_APPEAL_EXISTS: { status: 409, message: '该诉求已转为需求清单，不能重复转入' },

  // ---- 413 / 415 ----------------------------------------------------------------------------
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型' },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: '只能上传 JPEG、PNG 或 WebP 格式的图片' },
  UNREADABLE_IMAGE: { status: 415, message: '图片已损坏或无法读取，请重新拍摄或选择其他图片' },

  // ---- 422: the rules say no ----------------------------------------------------------------
  CLAIM_DECIDED: { status: 422, message: '该住户申请已处理' },
  NOT_A_RESIDENT: { status: 422, message: '该手机号不是居民账号' },
  NOT_OVERDUE: { status: 422, message: '当前环节尚未超过时限，暂不能催办' },
  BREAKDOWN_PLACE_ONLY: { status: 422, message: '按分类、渠道的统计只适用于地区' },
  INVALID_TRANSITION: { status: 422, message: '当前状态不能执行此操作' },
  EXTENSION_PENDING: { status: 422, message: '已有延期申请正在审核' },
  NO_EXTENSION_PENDING: { status: 422, message: '没有待审核的延期申请' },
  NO_OPEN_SUPERVISION: { status: 422, message: '只有在街道或县级督办期间才能结案说明；如督办单已办结，请在办结督办单时选择同时结案说明' },
  ALREADY_REVEALED: { status: 422, message: '本环节已查看过联系电话，每个环节只能查看一次' },
  NO_CONTACT_PHONE: { status: 422, message: '该诉求没有留联系电话' },
  ALREADY_REPORTED: { status: 422, message: '本部门已报到（主办部门领单即视为报到），无需重复报到' },
  NO_RESIDENT_ACCOUNT: { status: 422, message: '该诉求不是居民本人提交，请由社区或网格员回访评价' },
  RESIDENT_RATES_ONLINE: { status: 422, message: '该诉求由居民本人提交，应由居民本人评价' },
  RETURN_WINDOW_PASSED: { status: 422, message: '已超过 2 个工作日的退回期限，不能退回' },
  CHANNEL_NOT_ALLOWED: { status: 422, message: '您不能通过该渠道登记诉求' },
  PLACE_OUT_OF_SCOPE: { status: 422, message: '只能登记本辖区内的诉求' },
  GRID_RETIRED: { status: 422, message: '该网格已撤销，请选择现有网格' },
  GRID_ALREADY_RETIRED: { status: 422, message: '该网格已撤销' },
  GRID_CREATE_CONFLICT: { status: 422, message: '网格编号分配冲突，请重试' },
  GRID_SERIAL_EXHAUSTED: { status: 422, message: '该社区网格编号已用尽（最多 999 个）' },
  GRID_NOT_EMPTY: { status: 422, message: '网格仍有未办结的诉求或在岗人员' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '该幂等键已用于另一份不同的提交' },
  INVALID_ASSIGNEE: { status: 422, message: '分派对象不在可选范围内，请从候选列表中选择' },
  INVALID_DEPARTMENT: { status: 422, message: '吹哨部门不在本县部门名录中' },
  INVALID_DUPLICATE: { status: 422, message: '只能合并到本辖区内另一件未办结的诉求' },
  INVALID_REPORT_BY: { status: 422, message: '报到时限不正确' },
  INVALID_RANGE: { status: 422, message: '开始日期不能晚于结束日期' },
  RANGE_TOO_LONG: { status: 422, message: '统计区间不能超过三年' },
  PLACE_OR_DEPARTMENT: { status: 422, message: 'place 与 department 只能选一个' },
  NO_CHILD_PLACES: { status: 422, message: '网格没有下级地点' },
  SUPERVISION_NOT_OPEN: { status: 422, message: '该督办单已回复或已办结' },
  SUPERVISION_NOT_ANSWERED: { status: 422, message: '督办单尚未回复' },
  SUPERVISION_CLOSED: { status: 422, message: '督办单已办结' },
  ADMIN_ROLE_RESERVED: { status: 422, message: '三员账号由系统初始化，不能在此操作' },
  PASSWORD_REUSED: { status: 422, message: '新密码不能与原密码相同' },
  WRONG_PASSWORD: { status: 422, message: '原密码不正确' },
  MFA_ALREADY_ENABLED: { status: 422, message: '两步验证已启用；如需更换手机，请联系安全管理员重置' },
  MFA_ENROLMENT_NOT_STARTED: { status: 422, message: '请先生成二维码，再输入验证码' },
  MFA_NOT_ENABLED: { status: 422, message: '该账号尚未启用两步验证' },
  MFA_RESET_OWN: { status: 422, message: '不能重置本人的两步验证' },
  TRANSFER_TO_SAME_COMMUNITY: { status: 422, message: '转出社区与现报到社区相同' },
  // three lists (三张清单) and micro-wishes (微心愿)
  DEADLINE_IN_PAST: { status: 422, message: '完成期限不能早于今天' },
  DEPARTMENT_IN_USE: { status: 422, message: '该部门已有账号或吹哨报到记录，不能删除' },
  PROPERTY_COMPANY_IN_USE: { status: 422, message: '该物业公司还在服务小区，或已有账号、诉求记录，不能删除' },
  COMPOUND_IN_USE: { status: 422, message: '小区内还有楼栋，不能删除' },
  BUILDING_IN_USE: { status: 422, message: '楼栋还有住户、诉求记录或楼栋党小组，不能删除' },
  UNIT_IN_USE: { status: 422, message: '单元内还有住户，不能删除' },
  HOUSEHOLD_IN_USE: { status: 422, message: '该户还有居民、诉求记录或仍在十联户中，不能删除' },
  TEAM_IN_USE: { status: 422, message: '该队伍已有分派给它的诉求，不能删除' },
  PARTY_ORG_IN_USE: { status: 422, message: '该党组织还有下级组织或党员，不能删除' },
  HOUSEHOLD_IN_OTHER_GROUP: { status: 422, message: '有住户已编入其他十联户，请先从原组移出' },
  GROUP_HOUSEHOLDS_NOT_IN_GRID: { status: 422, message: '十联户的住户须在本组所在网格内' },
  LEADER_NOT_IN_GROUP: { status: 422, message: '联户长须是本组某一户的居民' },
  PARTY_ORG_MISPLACED: { status: 422, message: '党组织类型与所在地点或上级组织不符' },
  GRID_PARTY_GROUP_EXISTS: { status: 422, message: '该网格已有网格党小组' },

  // ---- 429 / 500 ----------------------------------------------------------------------------
  CODE_TOO_FREQUENT: { status: 429, message: '验证码发送过于频繁，请稍后再试' },
  CODE_LIMIT: { status: 429, message: '获取验证码次数过多，请稍后再试' },
  CODE_LOCKED: { status: 429, message: '验证码错误次数过多，请重新获取' },
  URGED_TODAY: { status: 429, message: '今天已经催办过，请明天再试' },
  LOGIN_THROTTLED: { status: 429, message: '登录失败次数过多，请稍后再试' },
  ACCOUNT_LOCKED: { status: 429, message: '连续登录失败次数过多，账号已锁定，请稍后再试' },
  UPLOAD_QUOTA_EXCEEDED: { status: 429, message: '今天上传的照片已达上限，请明天再试' },
  INTERNAL_ERROR: { status: 500, message: '系统繁忙，请稍后再试' },

  // ---- 503: try again shortly (with Retry-After) ----------------------------------------------
  DATABASE_UNAVAILABLE: { status: 503, message: '系统繁忙，数据库暂时不可用，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof ERRORS
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[]
