/**
 * What `img-open` says to people, in English and Simplified Chinese. API failures use the API
 * client's own texts (describeApiError); these are the CLI's and the local machine's.
 */
export type CliLocale = 'en' | 'zh-CN'

const en = {
  errorPrefix: 'img-open: ',
  usage: '{detail} (see --help)',
  paramsUnreadable: 'Cannot read the params file {file}.',
  paramsNotJson: 'The params file {file} is not valid JSON: {detail}',
  paramsNotObject: 'The params file {file} must hold one JSON object with the API field names.',
  paramsInvalid: 'The params file {file} has a bad field "{field}": {detail}',
  paramsIdTaskIgnored: 'note: id_task in {file} is ignored; img-open chooses the task id.',
  dynamicInvalid: 'The prompt in {file} is not a valid dynamic-prompts template: {detail}',
  dynamicOptionsNeedDynamic: '--count and --wildcards only apply with --dynamic random|combinatorial.',
  dynamicExpanded: 'note: {count} of {total} prompt(s) from the template; one task each.',
  paramsFieldsIgnored: 'note: fields not used by {kind} were ignored: {fields}',
  imageUnreadable: 'Cannot read the image file {file}.',
  imageNotImage: 'The file {file} is not a PNG, JPEG or WebP image.',
  imageUrlInvalid: 'The image URL "{url}" is not an http:// or https:// address.',
  imageRequired: '{command} needs --image (a file or an http(s) URL).',
  maskRequired: "inpaint needs --mask (a PNG of the image's size; white = repaint).",
  maskOnlyInpaint: '--mask is for inpaint only.',
  controlTooMany: '{given} control images for {units} ControlNet units; give at most one --control per unit.',
  controlMissing: 'ControlNet unit {unit} has no --control image and there is no --image to use instead.',
  profileUnknown: 'There is no profile named "{name}". Profiles: {names}.',
  keysIncomplete: 'Set both IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET, or neither.',
  storageKeysIncomplete:
    'Set both IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY, or neither.',
  baseUrlInvalid: 'The base URL "{url}" is not an http:// or https:// address without a query.',
  limitInvalid: 'The limit must be a whole number from 1 to {max}.',
  taskNotInHistory: 'Task {id} is not in the history of {dataDir}.',
  outDirFailed: 'The images could not be copied to {dir}.',
  imageNotKept: 'note: image {index} could not be downloaded; it is at {url}',
  waitInterrupted: 'Stopped waiting. Task {id} goes on; check it with: img-open status {id}',
  statusStale: 'note: the service did not answer in time; this is the state last recorded.',
  taskFailedOnService: 'The service reported the task as failed: {reason}',
  taskFailedNoReason: 'The service reported the task as failed.',
  labelTask: 'Task',
  labelStatus: 'Status',
  labelProgress: 'Progress',
  labelImages: 'Images',
  labelNoImages: '(none)',
  labelProfile: 'Profile',
  labelCreated: 'Created',
  labelPrompt: 'Prompt',
  historyEmpty: 'No tasks in the history.',
  historyCount: '{shown} of {total} tasks',
  listEmpty: 'The service lists none.',
  'error.storage_locked':
    'The app (or another img-open) is running and holds the history; close it or use IMG_OPEN_DATA_DIR for another data folder.',
  'error.storage_corrupt': 'The history file is damaged; run the command again to recover what can be read.',
  'error.keys_needed':
    'This profile has no access keys. Set them in the app, or pass IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET.',
  'error.keychain_unavailable':
    'The OS keychain is not available. Pass the keys in IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET.',
  'error.keychain_locked':
    'The OS keychain is locked. Unlock it, or pass the keys in IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET.',
  'error.io': 'The data folder {dataDir} could not be read or written. Check the disk and its permissions.',
  'error.conflict': 'That clashes with the current state: {detail}',
  'error.image_storage_needed':
    'This profile has no image storage for local files. Set it up in the app (Settings), or pass images as http(s) URLs.',
  'error.storage_keys_needed':
    "This profile's image storage has no access keys here. Set them in the app, or pass IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY.",
  'error.image_storage_auth':
    'The image storage refused its access keys. Check the storage keys of this profile, or IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY if set.',
  'error.image_storage_unreachable':
    'The image storage could not be reached. Check its endpoint, bucket and the network.',
  'error.image_unavailable':
    'The {role} image is no longer available: its link no longer works and no local copy is left.',
  'error.image_too_large':
    'The {role} image ({width}×{height} px, {bytes} bytes) is over the limits ({maxSide} px a side, {maxBytes} bytes). Pass --allow-resize to send a smaller copy.',
  'error.mask_size':
    'The mask is {width}×{height} px but its image is {sourceWidth}×{sourceHeight} px; they must be the same size.',
  'error.internal': 'Something went wrong inside img-open; the log is in {dataDir}.',
  'error.field': '{message} (field: {field})',
} as const

export type MessageKey = keyof typeof en

const zhCN: Record<MessageKey, string> = {
  errorPrefix: 'img-open：',
  usage: '{detail}（参见 --help）',
  paramsUnreadable: '无法读取参数文件 {file}。',
  paramsNotJson: '参数文件 {file} 不是有效的 JSON：{detail}',
  paramsNotObject: '参数文件 {file} 应当是一个使用 API 字段名的 JSON 对象。',
  paramsInvalid: '参数文件 {file} 的字段“{field}”有误：{detail}',
  paramsIdTaskIgnored: '提示：{file} 中的 id_task 已忽略，任务 ID 由 img-open 选定。',
  dynamicInvalid: '{file} 中的提示词不是有效的动态提示词模板：{detail}',
  dynamicOptionsNeedDynamic: '--count 和 --wildcards 仅在使用 --dynamic random|combinatorial 时有效。',
  dynamicExpanded: '提示：模板共 {total} 个提示词，提交其中 {count} 个，每个一个任务。',
  paramsFieldsIgnored: '提示：以下字段 {kind} 不使用，已忽略：{fields}',
  imageUnreadable: '无法读取图片文件 {file}。',
  imageNotImage: '文件 {file} 不是 PNG、JPEG 或 WebP 图片。',
  imageUrlInvalid: '图片地址“{url}”不是 http:// 或 https:// 地址。',
  imageRequired: '{command} 需要 --image（文件或 http(s) 地址）。',
  maskRequired: 'inpaint 需要 --mask（与图片同尺寸的 PNG；白色为重绘区域）。',
  maskOnlyInpaint: '--mask 只用于 inpaint。',
  controlTooMany: '给了 {given} 张控制图，但只有 {units} 个 ControlNet 单元；每个单元最多一个 --control。',
  controlMissing: 'ControlNet 单元 {unit} 没有 --control 图片，也没有可代替的 --image。',
  profileUnknown: '没有名为“{name}”的配置。现有配置：{names}。',
  keysIncomplete: '请同时设置 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET，或都不设置。',
  storageKeysIncomplete:
    '请同时设置 IMG_OPEN_STORAGE_ACCESS_KEY_ID 和 IMG_OPEN_STORAGE_SECRET_ACCESS_KEY，或都不设置。',
  baseUrlInvalid: '接口地址“{url}”不是不带查询参数的 http:// 或 https:// 地址。',
  limitInvalid: '数量必须是 1 到 {max} 之间的整数。',
  taskNotInHistory: '任务 {id} 不在 {dataDir} 的历史记录中。',
  outDirFailed: '无法把图片复制到 {dir}。',
  imageNotKept: '提示：第 {index} 张图片未能下载，地址为 {url}',
  waitInterrupted: '已停止等待。任务 {id} 仍在进行，可用以下命令查看：img-open status {id}',
  statusStale: '提示：服务未及时响应，以下为最后记录的状态。',
  taskFailedOnService: '服务报告任务失败：{reason}',
  taskFailedNoReason: '服务报告任务失败。',
  labelTask: '任务',
  labelStatus: '状态',
  labelProgress: '进度',
  labelImages: '图片',
  labelNoImages: '（无）',
  labelProfile: '配置',
  labelCreated: '创建时间',
  labelPrompt: '提示词',
  historyEmpty: '历史记录中没有任务。',
  historyCount: '共 {total} 个任务，显示 {shown} 个',
  listEmpty: '服务没有列出任何条目。',
  'error.storage_locked':
    '应用（或另一个 img-open）正在运行并占用历史记录；请关闭它，或用 IMG_OPEN_DATA_DIR 指定另一个数据目录。',
  'error.storage_corrupt': '历史记录文件已损坏；请再次运行命令以恢复可读取的部分。',
  'error.keys_needed':
    '此配置没有访问密钥。请在应用中设置，或通过 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET 提供。',
  'error.keychain_unavailable':
    '系统钥匙串不可用。请通过 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET 提供密钥。',
  'error.keychain_locked':
    '系统钥匙串已锁定。请解锁，或通过 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET 提供密钥。',
  'error.io': '无法读写数据目录 {dataDir}。请检查磁盘空间和权限。',
  'error.conflict': '与当前状态冲突：{detail}',
  'error.image_storage_needed':
    '此配置没有用于本地图片的存储。请在应用的设置中配置，或以 http(s) 地址提供图片。',
  'error.storage_keys_needed':
    '此配置的图片存储在这里没有访问密钥。请在应用中设置，或通过 IMG_OPEN_STORAGE_ACCESS_KEY_ID 和 IMG_OPEN_STORAGE_SECRET_ACCESS_KEY 提供。',
  'error.image_storage_auth':
    '图片存储拒绝了访问密钥。请检查此配置的存储密钥，或已设置的 IMG_OPEN_STORAGE_ACCESS_KEY_ID 和 IMG_OPEN_STORAGE_SECRET_ACCESS_KEY。',
  'error.image_storage_unreachable': '无法连接图片存储。请检查其地址、存储桶和网络。',
  'error.image_unavailable': '{role} 图片已无法获取：其链接已失效，本地也没有副本。',
  'error.image_too_large':
    '{role} 图片（{width}×{height} 像素，{bytes} 字节）超出限制（每边 {maxSide} 像素，{maxBytes} 字节）。加上 --allow-resize 可发送缩小后的副本。',
  'error.mask_size':
    '蒙版为 {width}×{height} 像素，而图片为 {sourceWidth}×{sourceHeight} 像素；两者尺寸必须相同。',
  'error.internal': 'img-open 内部出错；日志位于 {dataDir}。',
  'error.field': '{message}（字段：{field}）',
}

const catalogs: Record<CliLocale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }

export type MessageVars = Readonly<Record<string, string | number>>

/** A function that renders one message in the chosen language. */
export type Say = (key: MessageKey, vars?: MessageVars) => string

/** LC_ALL, then LC_MESSAGES, then LANG decide, as for any POSIX program: zh* → Chinese, else English. */
export function cliLocale(env: NodeJS.ProcessEnv): CliLocale {
  const chosen = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '')
  return chosen?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export function createSay(locale: CliLocale): Say {
  const catalog = catalogs[locale]
  return (key, vars = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}
