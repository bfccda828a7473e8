// 首页通知: the notice an admin sets for the kiosk's home (attract) screen.
export const K = {
  menu: '首页通知',
  title: '首页通知',
  lead: '设置后，自助终端首页（每次无人操作自动返回首页后）显示这条通知。留空并保存则不显示。',
  label: '通知内容',
  placeholder: '例如：国庆期间（10月1日至7日）前台暂停人工服务。',
  save: '保存',
  busy: '正在保存…',
  saved: '已保存。首页将显示这条通知。',
  removed: '已保存。首页不再显示通知。',
  homeLabel: '通知',
};
