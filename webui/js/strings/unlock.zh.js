// 解除登录锁定 (desk, admin): lifting a login lock before it ends by itself (issue 11).
export const U = {
  menu: '解除登录锁定',
  title: '解除登录锁定',
  lead: '连续输错密码会锁定该账号；同一台设备上多个不同账号登录失败会锁定这台设备（本机自助终端的地址为 127.0.0.1）。锁定会在一段时间后自动解除；核实身份后也可在此立即解除。',
  target: '解除对象',
  targets: { member: '会员账号', staff: '工作人员账号', address: '设备地址' },
  loginId: '账号',
  memberHint: '会员的登录账号：机构代码、资格证号、统一社会信用代码或手机号',
  staffHint: '工作人员的登录账号',
  address: '设备地址',
  addressHint: '本机自助终端为 127.0.0.1',
  submit: '解除锁定',
  busy: '正在解除…',
  done: (what) => `已解除${what} 的登录锁定，可以重新登录。`,
};
