// 代为填写入会申请 (staff): an application entered from the applicant's paper form, with the
// check-character override of SPEC §4.
export const A = {
  title: '代为填写入会申请',
  lead: '根据申请人提交的纸质申请表代为填写。专利代理机构和专利代理师须先在“会员查询”中找到名册中的会员。',
  menu: { apply_for: '代为填写入会申请' },
  chooseType: '会员类型',
  types: { agency: '专利代理机构', attorney: '专利代理师', industry_org: '行业组织', non_practicing: '非执业会员' },
  findMember: '到“会员查询”中查找',
  applicant: (name, login) => `申请人：${name}（${login}）`,
  charter: '申请人已阅读并同意中华全国专利代理师协会章程',
  charterMissing: '请确认申请人已同意协会章程',
  submit: '提交申请',
  busy: '正在提交…',
  fixFields: '申请未提交，请检查标出的项目',
  done: '入会申请已代为提交，已进入入会审核队列。',
  toQueue: '查看入会审核',
  another: '再填写一份',
  // the override (SPEC §4): only a well-formed code whose check character fails
  override: '该证件号码真实有效，越过校验位检查',
  overrideReason: '越过校验位的理由',
  overrideHint: '例如：已核对营业执照原件，号码无误。理由将记入审计日志。',
  fromRecord: '代为填写入会申请',
};
