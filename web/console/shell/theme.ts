import type { ThemeConfig } from 'antd'

/** Party red as the primary colour (contrast 6.6:1 on white); the system font stack with CJK fonts. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b7141b',
    colorLink: '#0958d9',
    // badges and errors: white text on it stays above 4.5:1
    colorError: '#cf1322',
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Segoe UI', sans-serif",
    colorTextSecondary: 'rgba(0,0,0,0.65)',
    colorTextTertiary: 'rgba(0,0,0,0.6)',
    colorTextDescription: 'rgba(0,0,0,0.6)',
    // placeholders are read too: 4.7:1 instead of antd's 1.8:1
    colorTextPlaceholder: '#737373',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#1f1f1f', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { darkItemBg: '#1f1f1f', darkSubMenuItemBg: '#141414', darkItemSelectedBg: '#b7141b' },
  },
}
