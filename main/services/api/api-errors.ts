import { AppError } from '#contract'

/** The error codes an API call can end with. */
export const apiErrorCodes = [
  'auth',
  'quota',
  'invalid_request',
  'not_found',
  'server',
  'network',
  'timeout',
  'protocol',
  'cancelled',
] as const

export type ApiErrorCode = (typeof apiErrorCodes)[number]

export const isApiErrorCode = (code: string): code is ApiErrorCode =>
  (apiErrorCodes as readonly string[]).includes(code)

/** Why a `network` or `protocol` failure happened, when it is worth telling apart. */
export type ApiErrorReason = 'tls' | 'too_large' | 'refused' | 'dns' | 'proxy' | 'reset' | 'insecure_http'

export type ApiLocale = 'en' | 'zh-CN'

type Messages = Record<ApiErrorCode, string> & Record<`reason.${ApiErrorReason}`, string>

const messages: Record<ApiLocale, Messages> = {
  en: {
    auth: 'The Img Open service refused the access keys. Check the key ID and secret of this profile.',
    quota: 'The Img Open account has no credits left or hit its rate limit.',
    invalid_request: 'The Img Open service rejected a parameter of the request.',
    not_found: 'The Img Open service does not know this task or item.',
    server: 'The Img Open service had an internal problem. Try again shortly.',
    network: 'The Img Open service could not be reached. Check the network, proxy or base URL.',
    timeout: 'The Img Open service took too long to answer.',
    protocol: 'The Img Open service answered with something the app does not understand.',
    cancelled: 'The request was cancelled.',
    'reason.tls':
      "The service's TLS certificate could not be verified (self-signed, expired or for another host); the connection was refused.",
    'reason.too_large': 'The service sent a response larger than the app accepts.',
    'reason.refused': 'The service refused the connection. Check the base URL and port.',
    'reason.dns': 'The service host name could not be resolved. Check the base URL and the network.',
    'reason.proxy': 'The proxy (HTTPS_PROXY) refused or failed the connection.',
    'reason.reset': 'The connection to the service was cut before the answer arrived.',
    'reason.insecure_http':
      'The base URL is plain http:// to another machine: the access keys would cross the network unencrypted, so nothing was sent. Use https://, or allow unencrypted http for this profile (in Settings, or --allow-insecure-http on the command line).',
  },
  'zh-CN': {
    auth: 'Img Open 服务拒绝了访问密钥。请检查此配置的 Key ID 和 Secret。',
    quota: 'Img Open 账户余额不足或触发了频率限制。',
    invalid_request: 'Img Open 服务拒绝了请求中的某个参数。',
    not_found: 'Img Open 服务找不到此任务或条目。',
    server: 'Img Open 服务内部出错，请稍后重试。',
    network: '无法连接 Img Open 服务。请检查网络、代理或接口地址。',
    timeout: 'Img Open 服务响应超时。',
    protocol: 'Img Open 服务返回了应用无法理解的内容。',
    cancelled: '请求已取消。',
    'reason.tls': '无法验证服务的 TLS 证书（自签名、已过期或主机名不符），已拒绝连接。',
    'reason.too_large': '服务返回的内容超过了应用允许的大小。',
    'reason.refused': '服务拒绝了连接。请检查接口地址和端口。',
    'reason.dns': '无法解析服务的主机名。请检查接口地址和网络。',
    'reason.proxy': '代理（HTTPS_PROXY）拒绝或中断了连接。',
    'reason.reset': '在收到响应之前，与服务的连接被中断。',
    'reason.insecure_http':
      '接口地址是指向其他机器的明文 http://：访问密钥将以未加密形式在网络上传输，因此没有发送任何请求。请改用 https://，或为此配置允许未加密的 http（在设置中，或在命令行使用 --allow-insecure-http）。',
  },
}

const isReason = (value: unknown): value is ApiErrorReason =>
  typeof value === 'string' && `reason.${value}` in messages.en

/**
 * The user-facing text for an API error code, in English or Simplified Chinese (the CLI and any
 * caller without the renderer's catalogs use it). A known `details.reason` gives a sharper text.
 */
export function describeApiError(
  code: ApiErrorCode,
  locale: string,
  details?: Record<string, unknown>,
): string {
  const table = locale.toLowerCase().startsWith('zh') ? messages['zh-CN'] : messages.en
  const reason = details?.reason
  if (isReason(reason)) return table[`reason.${reason}`]
  return table[code]
}

/** Builds the AppError for an API failure: English message, details without any secret. */
export function apiError(code: ApiErrorCode, details?: Record<string, unknown>): AppError {
  return new AppError(code, describeApiError(code, 'en', details), details)
}
