import type { Strings } from '../../i18n';

export const settingsStrings: Strings = {
  en: {
    title: 'Settings',
    key: 'Setting',
    value: 'Value',
    source: 'Source',
    'source.default': 'default',
    'source.saved': 'saved',
    'source.env': 'environment ({{env}})',
    save: 'Save',
    saved: 'Saved {{key}}',
    supervisorOnly: 'Only a supervisor can change settings.',
    language: 'Language',
  },
  'zh-CN': {
    title: '设置',
    key: '设置项',
    value: '值',
    source: '来源',
    'source.default': '默认',
    'source.saved': '已保存',
    'source.env': '环境变量（{{env}}）',
    save: '保存',
    saved: '已保存 {{key}}',
    supervisorOnly: '只有主管可以修改设置。',
    language: '语言',
  },
};
