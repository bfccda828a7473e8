// Every text the UI shows, in one zh-CN table. Texts quoted from the association's
// manual (member-center-manual.zh.txt) are marked "manual" and must stay verbatim.
// Functions take the values they interpolate; nothing here is HTML.

export const S = {
  appName: '中华全国专利代理师协会',
  appSub: '会员服务平台',
  docTitle: '中华全国专利代理师协会 · 会员服务平台',

  // kiosk shell
  back: '返回',
  home: '返回首页',
  idleCorner: (s) => `${s}秒后返回首页`,
  idleCornerLabel: '无操作自动返回首页倒计时',
  idleWarnTitle: '即将返回首页',
  idleWarnBody: (s) => `您已较长时间没有操作，${s}秒后将自动退出登录并返回首页。`,
  idleWarnBodyGuest: (s) => `您已较长时间没有操作，${s}秒后将自动返回首页。`,
  idleContinue: '继续使用',
  loading: '正在加载…',
  retry: '重试',
  loadFailed: '加载失败',
  networkError: '无法连接服务器，请稍后再试或联系工作人员。',
  unknownError: '系统繁忙，请稍后再试。',
  notFoundTitle: '页面不存在',
  notFoundBody: '您访问的页面不存在，请返回首页。',
  comingSoon: '即将开放',
  comingSoonBody: '该功能即将开放，敬请期待。',
  close: '关闭',
  required: '必填',

  // home (平台首页)
  homeTitle: '平台首页',
  homeWelcome: '欢迎使用会员服务平台',
  homeLead: '请点击下方图标办理业务',
  tiles: {
    member: { title: '会员中心', desc: '会员登录、资料与服务' },
    guide: { title: '入会指南', desc: '了解入会条件与流程' },
    apply: { title: '入会申请', desc: '四类会员入会申请' },
    directory: { title: '会员名录', desc: '查询会员名称与编号' },
    jobs: { title: '招聘信息', desc: '代理机构招聘信息' },
    faq: { title: '常见问题', desc: '常见问题及解决方法' },
    verify: { title: '证书核验', desc: '核验会员证真伪' },
  },
  staffLoginLink: '工作人员登录',

  // 入会指南
  guideTitle: '入会指南',
  guideNotLoggedIn: '您尚未登录。已有账号的会员请点击【登录】；尚未入会的用户请阅读入会指南后办理入会申请。',
  guideLogin: '登录',
  guideApply: '入会申请',

  // 常见问题
  faqTitle: '常见问题',
  faqLead: '根据用户使用，此模块会反馈用户常见问题及解决方法。', // manual
  faqEmpty: '暂无常见问题。',

  // 会员名录
  dirTitle: '会员名录',
  dirLead: '记录本系统的会员基本信息，包括会员名称、编号、类型及有效期。', // manual
  dirSearchLabel: '会员名称或会员编号',
  dirSearchPlaceholder: '请输入会员名称或会员编号',
  dirSearch: '搜索',
  dirClear: '清除',
  dirTypeAll: '全部',
  dirTypeFilter: '会员类型筛选',
  dirCols: { name: '会员名称', member_no: '会员编号', type: '会员类型', valid_until: '有效期至' },
  dirPrev: '上一页',
  dirNext: '下一页',
  dirTotal: (n) => `共${n}条`,
  dirPage: (p, n) => `第${p}/${n}页`,
  dirEmpty: '未找到符合条件的会员',
  dirEmptyHint: '请检查输入的会员名称或编号，或更换会员类型后重新搜索。',

  // member types / roles (same labels as the API)
  memberTypes: {
    agency: '专利代理机构',
    attorney: '专利代理师',
    industry_org: '行业组织',
    non_practicing: '非执业会员',
  },
  staffRoles: { admin: '系统管理员', reviewer: '审核员', finance: '财务', desk: '前台' },

  // 入会申请
  applyTitle: '入会申请',
  applyLead: '本协会设四类会员，请根据自身情况点击相应的入会申请按钮。',
  applyButtons: {
    agency: '代理机构入会申请',
    attorney: '专利代理师入会申请',
    industry_org: '行业组织入会申请',
    non_practicing: '非执业会员入会申请',
  },
  applyNeedsLogin: '需先登录',
  applyLoginNote: {
    agency: '点击【代理机构入会申请】页面自动跳转到登录页面，用户需要登录系统才能申请入会，账号密码默认为代理机构的机构代码。', // manual
    attorney: '点击【专利代理师入会申请】页面自动跳转到登录页面，用户需要登录系统才能申请入会，账号密码默认为专利代理师资格证号。', // manual
  },
  applyCharterTitle: '中华全国专利代理师协会章程',
  applyCharterLead: '请阅读协会章程，勾选同意后点击【同意并申请】。',
  applyAgree: '已阅读并同意中华全国专利代理师协会章程', // manual
  applyAgreeButton: '同意并申请', // manual
  applyFormLead: '带星号（*）的为必填项，其余为非必填项。',
  applySubmit: '提交申请',
  applyBusy: '正在提交…',
  applySuccess: '您的入会申请已经提交成功，协会将在5个工作日内进行反馈，请注意查收手机短信！', // manual
  applyFormError: '申请未提交，请检查标出的项目。',
  applyRejectedTitle: '您上次提交的入会申请已被退回',
  applyRejectedReason: (r) => `退回原因：${r}`,
  applyRejectedHint: '请按退回原因修改申请信息后重新提交。',
  applyUnderReviewTitle: '入会申请审核中',
  applyUnderReviewBody: '您的入会申请已提交，正在审核中，协会将在5个工作日内进行反馈，请注意查收手机短信。',
  applySubmittedAt: '提交时间',
  applyDueDate: '预计反馈日期',
  applyApprovedTitle: '入会申请审核通过',
  applyApprovedBody: (no) => `您的入会申请已审核通过，会员编号：${no}。请点击下方【缴纳会费入口】缴纳会费。`,
  applyMemberNo: '会员编号',
  applyDuesLink: '缴纳会费入口', // manual
  applyWithdrawnTitle: '入会申请',
  applyWithdrawnBody: '您的会员状态不允许在线提交入会申请，请联系协会工作人员。',
  applyMemberCenter: '进入会员中心',
  choose: '请选择',

  // member login
  loginTitle: '会员登录',
  loginId: '账号',
  loginIdPlaceholder: '请输入账号',
  password: '密码',
  passwordPlaceholder: '请输入密码',
  loginSubmit: '登录',
  loginBusy: '正在登录…',
  loginHintTitle: '默认账号与密码',
  loginHints: [
    ['agency', '代理机构：账号密码默认为代理机构的机构代码'],
    ['attorney', '专利代理师：账号密码默认为专利代理师资格证号'],
    ['industry_org', '行业组织：入会申请审批通过后，使用统一社会信用代码作为账号密码登录系统'],
    ['non_practicing', '非执业会员：入会申请审批通过后，使用手机号作为账号密码登录系统'],
  ],
  loginDefaultNote: '使用默认密码首次登录后，须先修改密码才能继续使用。',
  loginIdRequired: '请输入账号',
  passwordRequired: '请输入密码',
  loginBadCredentials: '账号或密码错误',
  loginLocked: (s) => `登录失败次数过多，该账号已暂时锁定，请${formatWait(s)}后再试。`,
  loginLockedNoTime: '登录失败次数过多，该账号已暂时锁定，请稍后再试。',

  // staff login
  staffLoginTitle: '工作人员登录',
  staffLoginLead: '仅限协会工作人员使用。',
  staffLoginId: '工作人员账号',

  // password change
  pwTitle: '修改密码',
  pwForcedTitle: '请先修改默认密码',
  pwForcedBody: '您使用默认密码登录。默认密码为公开信息，为保障账户安全，须先修改密码，才能继续使用系统。',
  pwManual: '系统默认密码较为简单，强烈建议用户及时更改密码。', // manual
  pwOld: '原密码',
  pwNew: '新密码',
  pwConfirm: '确认新密码',
  pwRule: '新密码长度为8至64位，须同时包含字母和数字，且不能与账号相同。',
  pwSubmit: '确认修改',
  pwBusy: '正在提交…',
  pwOldRequired: '请输入原密码',
  pwNewRequired: '请输入新密码',
  pwConfirmRequired: '请再次输入新密码',
  pwMismatch: '两次输入的新密码不一致',
  pwTooShort: '新密码至少8位',
  pwTooLong: '新密码最多64位',
  pwNeedLetterDigit: '新密码须同时包含字母和数字',
  pwSameAsId: '新密码不能与账号相同',
  pwDone: '密码已修改。',
  pwFormError: '请按提示修改后重新提交。',

  // member center
  mcTitle: '会员中心',
  mcWelcome: (name) => `您好，${name}`,
  mcFields: {
    name: '会员名称',
    type: '会员类型',
    status: '会员状态',
    member_no: '会员编号',
    valid_until: '有效期至',
    login_id: '登录账号',
  },
  mcNone: '—',
  mcMenuTitle: '会员服务',
  // The member-center pages of the manual, in its order.
  mcMenu: [
    ['application', '入会申请'], ['profile', '会员资料'], ['registrations', '报名信息'], ['scores', '成绩查询'],
    ['agency_dues', '代理机构会费缴纳信息'], ['attorney_dues', '专利代理师会费缴纳信息'],
    ['password', '密码修改'], ['jobs', '招聘信息'], ['profile_edit', '会员信息修改'],
    ['certificate', '会员证'], ['certificate_change', '会员证信息修改申请'], ['directory', '会员名录'],
    ['certificate_mail', '会员证邮寄申请'], ['messages', '会员消息'],
  ],
  logout: '退出登录',
  unreadCount: (n) => `${n}条未读`,

  // 会员消息
  msgTitle: '会员消息',
  msgLead: '协会发布的仅会员可见的消息。', // after the manual: 协会可以在本模块发布一些仅会员可见的消息。
  msgEmpty: '暂无会员消息。',
  msgUnread: '未读',
  msgKinds: { personal: '个人消息', notice: '协会通知' },

  // staff console
  staffTitle: '工作人员控制台',
  staffWelcome: (name) => `您好，${name}`,
  staffFields: { name: '姓名', login_id: '账号', role: '角色' },
  staffMore: '财务与其他管理功能将在后续版本开放。',
  staffMenuTitle: '工作事项',
  staffMenu: {
    review: '入会审核', calendar: '工作日历', charter: '章程编辑', messages: '发布会员消息', sms: '短信发件箱',
  },

  // 入会审核
  rvTitle: '入会审核',
  rvTypeFilter: '会员类型',
  rvStatusFilter: '审核状态',
  rvAll: '全部',
  rvStatus: { submitted: '待审核', approved: '已通过', rejected: '已退回', all: '全部' },
  rvOverdue: '已超期',
  rvOverdueOnly: '只看已超期',
  rvToday: (d) => `今天：${d}`,
  rvCols: { name: '申请人', type: '会员类型', submitted_at: '提交时间', due_date: '反馈期限', status: '状态', open: '操作' },
  rvOpen: '查看',
  rvEmpty: '没有符合条件的入会申请',
  rvDetailTitle: '入会申请详情',
  rvFacts: {
    status: '审核状态', type: '会员类型', applicant_key: '申请人标识', submitted_at: '提交时间', due_date: '反馈期限',
    decided_at: '审核时间', decided_by: '审核人', reject_reason: '退回原因',
  },
  rvFieldsTitle: '申请信息',
  rvHistoryTitle: '申请记录',
  rvHistoryEmpty: '无其他申请记录',
  rvApprove: '通过',
  rvReject: '退回',
  rvCancel: '取消',
  rvApproveTitle: '确认通过',
  rvApproveBody: (name) => `确定通过“${name}”的入会申请吗？通过后将分配会员编号并发送短信通知。`,
  rvApproveConfirm: '确认通过',
  rvApproved: (no, login) => `已通过。会员编号：${no}${login ? `，登录账号：${login}` : ''}`,
  rvRejectTitle: '退回入会申请',
  rvReason: '退回原因',
  rvReasonPlaceholder: '请填写退回原因，申请人将据此修改后重新提交',
  rvRejectConfirm: '确认退回',
  rvRejected: '已退回，申请人可修改后重新提交。',
  rvBusy: '正在提交…',

  // 工作日历
  calTitle: '工作日历',
  calLead: '反馈期限按5个工作日计算：周末不计，节假日不计，调休上班日计入。',
  calYear: (y) => `${y}年`,
  calPrevYear: '上一年',
  calNextYear: '下一年',
  calKinds: { holiday: '节假日', workday: '调休上班' },
  calCols: { day: '日期', kind: '类型', name: '名称', action: '操作' },
  calRemove: '删除',
  calRemoveTitle: '删除日期',
  calRemoveBody: (d) => `确定从工作日历中删除 ${d} 吗？`,
  calAddTitle: '添加日期',
  calDay: '日期',
  calKind: '类型',
  calName: '名称',
  calNamePlaceholder: '如：春节',
  calSave: '保存',
  calEmpty: '本年度没有设置节假日或调休上班日',
  calDayRequired: '请选择日期',
  calSaved: '已保存',

  // 章程编辑 / 发布会员消息 / 短信发件箱 (admin)
  chTitle: '章程编辑',
  chLead: '修改后，入会申请页面显示的章程随即更新。正文每段一行。',
  chPageTitle: '标题',
  chBody: '正文',
  chSave: '保存章程',
  chSaved: '章程已保存。',
  pmTitle: '发布会员消息',
  pmLead: '消息仅会员可见，显示在会员中心的【会员消息】中。',
  pmAudience: '发送对象',
  pmAll: '全体会员',
  pmByType: '按会员类型',
  pmType: '会员类型',
  pmMsgTitle: '消息标题',
  pmBody: '消息内容',
  pmSubmit: '发布',
  pmDone: '消息已发布。',
  smsTitle: '短信发件箱',
  smsLead: '系统发送的短信记录（只读）。',
  smsCols: { created_at: '时间', phone: '手机号', event: '事件', text: '内容', status: '状态', attempts: '尝试次数', last_error: '错误' },
  smsEmpty: '暂无短信记录',
  smsEvents: { application_submitted: '入会申请已提交', application_approved: '入会申请已通过', application_rejected: '入会申请已退回' },
  smsStatus: { queued: '待发送', pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' },
  busy: '正在提交…',

  // coming soon pages
  soonTitles: { jobs: '招聘信息', verify: '证书核验', dues: '会费缴纳' },
  soonBodies: { dues: '会费缴纳功能即将开放' },

  // on-screen keyboard
  osk: {
    label: '屏幕键盘',
    open: '键盘',
    shift: '大写',
    backspace: '退格',
    clear: '清空',
    done: '完成',
    space: '空格',
    // pinyin input
    modeZh: '中',
    modeEn: '英',
    toLetters: '切换到字母输入',
    toPinyin: '切换到拼音输入',
    candidates: '候选字词',
    prevPage: '上一页候选',
    nextPage: '下一页候选',
    pinyinHint: '拼音输入：按字母键输入拼音，点选汉字',
    lettersMode: '字母输入（按“英”切换回拼音）',
    imeUnavailable: '拼音输入暂不可用，请用字母输入',
    datePlaceholder: '年-月-日，如 2026-03-05',
  },
};

function formatWait(s) {
  const n = Math.max(1, Math.ceil(Number(s) || 0));
  if (n < 60) return `${n}秒`;
  return `${Math.ceil(n / 60)}分钟`;
}
