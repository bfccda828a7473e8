// Texts of the member's records (issue 8): 报名信息, 成绩查询, 代理机构会费缴纳信息, 专利代理师会费缴纳信息,
// and the good-standing notice of the pages that need a paid membership. Functions take the
// values they interpolate; nothing here is HTML.

export const MR = {
  none: '—',
  prev: '上一页',
  next: '下一页',
  total: (n) => `共${n}条`,
  pageOf: (p, n) => `第${p}/${n}页`,
  attorneyFilter: '专利代理师',
  attorneyAll: '全部专利代理师',
  attorneyChip: (a) => `${a.name}（${a.login_id}）`,
  viewer: {
    agency: '代理机构可以查看机构下属所有专利代理师的记录，可按专利代理师筛选。',
    attorney: '专利代理师可以查看自己的记录。',
  },

  // 报名信息 / 成绩查询 (the manual's words as leads)
  registrationsTitle: '报名信息',
  registrationsLead: '记录用户报名的培训班课程信息。',
  registrationsEmpty: '暂无报名记录。',
  scoresTitle: '成绩查询',
  scoresLead: '记录用户所上培训班考试成绩。',
  scoresEmpty: '暂无成绩记录。',
  noTrainingForType: (typeLabel) => `${typeLabel}没有培训报名和成绩记录。报名信息和成绩查询仅适用于专利代理机构和专利代理师。`,
  trainingCols: {
    class: '培训班', period: '培训时间', place: '培训地点', hours: '学时', attorney: '专利代理师',
    registered_on: '报名日期', status: '报名状态', exam_date: '考试日期', score: '成绩', result: '考试结果',
  },
  period: (from, to) => (from === to ? from : `${from} 至 ${to}`),
  periodTo: ' 至 ',
  hours: (n) => `${n}学时`,

  // 代理机构会费缴纳信息 / 专利代理师会费缴纳信息
  agencyDuesTitle: '代理机构会费缴纳信息',
  agencyDuesLead: '记录代理机构历年缴纳会费的信息。包括缴纳年度、金额、状态以及系统申报单号。',
  ownDuesLead: '记录本会员历年缴纳会费的信息，包括缴纳年度、金额、状态以及申报系统单号。',
  attorneyDuesTitle: '专利代理师会费缴纳信息',
  attorneyDuesLead: '记录专利代理师历年缴纳会费的信息。',
  attorneyOwnDues: '专利代理师的会费缴纳信息请在【专利代理师会费缴纳信息】中查看。',
  toAttorneyDues: '查看专利代理师会费缴纳信息',
  noAttorneyDuesForType: (typeLabel) => `${typeLabel}没有专利代理师会费记录。本会员的会费缴纳信息请在【代理机构会费缴纳信息】中查看。`,
  toOwnDues: '查看本会员会费缴纳信息',
  duesEmpty: '暂无会费缴纳记录。',
  duesEmptyAttorneys: '暂无专利代理师的会费缴纳记录。',
  toDues: '去缴纳会费',
  duesCols: {
    year: '缴纳年度', attorney: '专利代理师', amount: '金额', status: '状态', order_no: '申报系统单号', receipt: '收据',
  },
  paidAt: (t) => `${t} 缴费`,
  yearValue: (y) => `${y}年度`,
  paidBy: (name) => `由${name}缴纳`,
  declaredBy: (name) => `由${name}申报`, // an order not paid (yet)
  openReceipt: '查看收据',

  // Good standing (会籍): the notice of the pages that need a paid membership.
  gateTitle: '会籍状态：未缴纳会费',
  gateFooter: '支付成功后，用户即可使用系统全部功能。', // manual
  gateNeeds: {
    certificate: '电子版会员证在缴纳会费后自动生成，缴费后即可在此打印或下载。',
    certificate_mail: '申请邮寄会员证需要本年度有效的会员证，请先缴纳本年度会费。',
    registrations: '培训班报名需要有效会籍（已缴纳会费）。已有的报名信息仍可在此查看。',
    scores: '成绩查询需要有效会籍（已缴纳会费）。已有的成绩仍可在此查看。',
  },
  gatePay: '去缴纳会费',
};
