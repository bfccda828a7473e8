// 设备状态 (staff) and the working-day calendar warnings of the review screens.
export const ST = {
  menu: '设备状态',
  title: '设备状态',
  lead: '本机的运行情况：软件版本、数据库与备份、磁盘、打印机、支付与短信服务的连通情况，以及最近的错误。',
  refresh: '刷新',
  refreshedAt: (t) => `更新于 ${t}`,
  none: '—',
  sections: {
    system: '系统',
    printer: '打印机',
    network: '支付与短信服务',
    calendar: '工作日历',
    errors: '最近的错误',
  },
  facts: {
    version: '软件版本',
    uptime: '已运行',
    database: '数据库大小',
    databasePath: '数据库文件',
    backup: '最近一次备份',
    backupNone: '尚无备份',
    backupFile: '备份文件',
    disk: '磁盘剩余空间',
  },
  diskOf: (free, total) => `${free}（共 ${total}）`,
  uptime: (s) => {
    const d = Math.floor(s / 86400);
    const hh = Math.floor((s % 86400) / 3600);
    const mm = Math.floor((s % 3600) / 60);
    if (d) return `${d}天${hh}小时`;
    if (hh) return `${hh}小时${mm}分钟`;
    return `${mm}分钟`;
  },
  printerNone: '未启用打印机',
  netState: { ok: '可以连接', unreachable: '无法连接', unused: '未使用', checking: '正在检查' },
  checkedAt: (t) => `检查于 ${t}`,
  calendarOk: '今年和明年的节假日日历均已录入（或尚未到需要录入明年日历的时候）。',
  openCalendar: '打开工作日历',
  errorsNone: '最近没有错误记录。',
  errorCols: { at: '时间', source: '类别', subject: '内容', detail: '错误信息' },
  // The review queue and detail
  estimated: '（估算）',
  estimatedHint: '该年份的节假日日历尚未录入，期限按只排除周末估算。',
};
