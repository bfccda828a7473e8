// Texts of the member's 会费缴纳 screens (issue 6). Texts marked `// manual` are quoted from the
// association's manual (spec/member-center-manual.zh.txt) and must stay exactly as they are.

export const D = {
  none: '—',
  yuan: '元',
  busy: '请稍候…',
  loadFailed: '加载失败',
  retry: '重试',
  toMemberCenter: '返回会员中心',
  toApplication: '前往入会申请',

  // 选择缴费年份
  yearTitle: '选择缴费年份', // manual
  yearLead: '请选择缴费年份，然后点击【进入会费缴纳系统】。',
  yearButton: (y) => `${y}年度`,
  yearWindow: (a, b) => `缴费时间：${a} 至 ${b}`,
  yearClosed: '不在缴费时间内',
  enter: '进入会费缴纳系统', // manual
  notApprovedTitle: '暂不能缴纳会费',
  goodStanding: (d) => `您已缴纳会费，会籍有效期至${d}。`,

  // 专利代理师: 个人缴费 / 通知所属代理机构缴费
  choiceTitle: '选择缴费方式',
  choiceLead: '用户可以选择个人进行缴费，也通知所属代理机构为其缴纳会费。', // manual
  choiceAgencyName: (n) => `所属代理机构：${n}`,
  choicePersonal: '个人缴费',
  choiceAgency: '通知所属代理机构缴费',
  personalConfirmTitle: '个人缴费',
  personalConfirm: '专利代理师最好由所属代理机构统一缴费，确定要以个人身份缴纳吗？', // manual
  ok: '确定',
  cancel: '取消',
  waitAgency: '您已选择等候所属代理机构统一缴费。如需个人缴费，可随时点击【个人缴费】。', // after the manual: 取消则等候机构统一缴费
  agencyNotified: (n) => `已通知所属代理机构${n ? `（${n}）` : ''}为您缴纳会费，请等候机构统一缴费。`,
  agencyNotifiedBefore: '您已通知所属代理机构为您缴纳会费。如需个人缴费，可点击【个人缴费】。',

  // 待缴费清单
  itemsTitle: '待缴费清单',
  itemsLead: '勾选准备缴费的项目后点击【提交】按钮。', // manual: 勾选准备缴费的项目后点击【提交】按钮
  itemsYear: (y) => `缴费年度：${y}年`,
  itemsEmpty: '本年度没有待缴费的项目。',
  colSelect: '选择',
  colName: '姓名/名称',
  colCode: '资格证号/机构代码',
  colFee: '会费类别',
  colAmount: '金额',
  colState: '状态',
  selfTag: '本单位',
  agencyRequested: '已请求机构代缴',
  inOrder: (no) => `已在待支付订单 ${no} 中`,
  selectAll: '全选可缴项目',
  selectedTotal: (n, amount) => `已选 ${n} 项，合计 ${amount}`,
  submit: '提交', // manual
  pickOne: '请勾选要缴费的项目',
  openOrder: '查看待支付订单',

  // 会费缴纳申报确认单
  confirmTitle: '会费缴纳申报确认单', // manual
  confirmLead: '请核对缴费项目，如无误，请填写联系人姓名、手机号、邮箱、办公电话。', // after the manual
  total: '合计',
  contactTitle: '联系人信息',
  contact: { name: '姓名', mobile: '手机号', email: '邮箱', office_phone: '办公电话' },
  reductionApply: '减免申请缴费', // manual
  confirmOrder: '确认申报缴费', // manual
  formError: '请检查标出的项目',
  unavailableTitle: '以下项目已无法缴费',
  unavailableItem: (name, why) => `${name}：${why}`,
  backToList: '返回待缴费清单',
  required: (label) => `请填写${label}`,

  // 减免申请
  reductionTitle: '减免申请',
  reductionLead: '需要填写减免金额以及减免理由，审批通过后方可减免。', // manual
  reductionAmount: '减免金额（元）',
  reductionAmountHint: (max) => `最多 ${max}，可填写到分，如 500 或 500.50`,
  reductionReason: '减免理由',
  reductionReasonHint: '5～200字',
  reductionSubmit: '提交减免申请',
  amountBad: '请填写正确的金额（元），最多两位小数',
  amountZero: '减免金额应大于0',
  amountTooBig: (max) => `减免金额不能超过应缴总额 ${max}`,
  reasonBad: '减免理由应为5～200字',
  reductionSent: '减免申请已提交，等待协会审批。审批结果将通过短信和会员消息通知您，审批通过后即可按减免后的金额缴费。',
  viewOrder: '查看订单详情',

  // 订单详情
  orderTitle: '订单详情',
  orderNo: '申报系统单号',
  copy: '复制单号',
  copied: '已复制',
  copyFailed: '请记录申报系统单号',
  orderYear: '缴费年度',
  orderPayer: '缴费单位/个人',
  orderStatus: '订单状态',
  orderTotal: '应缴总额',
  orderReduction: '减免金额',
  orderDue: '应付金额',
  orderCreated: '申报时间',
  orderExpires: '未支付订单失效时间',
  orderPaidAt: '支付时间',
  orderMethod: '支付方式',
  orderItems: '缴费项目',
  chooseMethod: '请选择支付方式：',
  payLead: '用户可选择转账汇款、支付宝支付或微信支付三种支付方式进行会费缴纳。', // manual
  methods: { bank: '转账汇款', alipay: '支付宝支付', wechat: '微信支付', waiver: '全额减免' },
  reductionPending: (amount) => `减免申请（${amount}）审批中，审批通过后方可缴费。审批结果将通过短信和会员消息通知您。`,
  reductionRejected: (reason) => `减免申请未通过：${reason || '—'}。请按应缴总额缴费。`,
  reductionApproved: (amount) => `减免申请已通过，减免 ${amount}。`,
  reductionReasonLabel: '减免理由',
  orderPaidNote: '本订单已缴费。',
  orderClosed: '本订单已失效，如需缴费请重新申报。',
  newDeclaration: '重新申报',
  cancelOrder: '取消订单',
  cancelConfirmTitle: '取消订单',
  cancelConfirm: (no) => `确定要取消订单 ${no} 吗？取消后其中的缴费项目可重新申报。`,
  cancelKeep: '不取消',
  cancelled: '订单已取消。',
  viewReceipt: '查看收据',
  orderStatuses: {
    reduction_pending: '减免审批中', awaiting_payment: '待支付', paid: '已缴费', expired: '已过期', cancelled: '已取消',
  },

  // 转账汇款
  bankTitle: '转账汇款',
  bankLead: '记录申报系统单号进行汇款。', // manual
  bankNoteStrong: (no) => `汇款时请在附言（用途）栏填写申报系统单号：${no}`,
  bankAccountName: '户名',
  bankName: '开户银行',
  bankAccountNo: '账号',
  bankAmount: '汇款金额',
  bankAfter: '协会财务确认到账后，订单即变为已缴费，并以短信通知您。',

  // 扫码支付
  qrTitle: { wechat: '微信支付', alipay: '支付宝支付' },
  qrScan: { wechat: '请使用微信扫一扫', alipay: '请使用支付宝扫一扫' },
  qrLead: '扫描二维码进行付款。', // manual: 扫描二维码进行付款
  qrAlt: (m) => `${m}付款二维码`,
  qrAmount: '支付金额',
  qrLeft: (m, s) => `二维码有效时间剩余 ${m}分${String(s).padStart(2, '0')}秒`,
  qrWaiting: '正在等待支付结果，支付完成后本页面将自动跳转。',
  qrExpired: '二维码已过期。',
  qrRenew: '重新生成二维码',
  qrPayLink: '打开模拟支付页面',
  qrPaid: '已收到付款，正在跳转…',
  qrNotPayable: '该订单当前不能支付。',
  qrToBank: '改用转账汇款',
  qrBackToOrder: '返回订单详情',
  qrIdleNote: '二维码有效期间本机不会自动返回首页。',

  // 缴费成功
  paidTitle: '缴费成功',
  paidBody: '支付成功后，用户即可使用系统全部功能。', // manual
  paidValidUntil: '有效期至',
  paidAmount: '实付金额',
  notPaidYet: '该订单尚未缴费。',

  // 收据
  receiptTitle: '会费收据',
  receiptHeading: (y) => `${y}年度会费收据`,
  receiptPayer: '缴费单位/个人',
  receiptItems: '缴费项目',
  receiptTotal: '应缴总额',
  receiptReduction: '减免金额',
  receiptPaid: '实收金额',
  receiptMethod: '支付方式',
  receiptPaidAt: '支付时间',
  receiptRef: '交易流水号',
  receiptIssuer: '收款单位',
  print: '打印',

  // 我的缴费订单
  ordersTitle: '我的缴费订单',
  ordersLead: '可在此查看订单并继续缴费。',
  ordersEmpty: '暂无缴费订单。',
  ordersCols: { year: '年度', order_no: '申报系统单号', amount: '金额', status: '状态', open: '操作' },
  open: '查看',
  toDues: '会费缴纳',

  // 会员中心
  mcMenu: [['dues', '会费缴纳'], ['dues_orders', '我的缴费订单']],
  mcStanding: '会籍状态',
  mcGood: (d) => `正常（会费已缴纳，有效期至${d}）`,
  mcUnpaid: '未缴纳会费',
  mcPayNow: '去缴纳会费',
};
