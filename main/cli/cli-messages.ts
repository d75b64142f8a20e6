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
  paramsUnknownField: 'The params file {file} has a field {kind} does not take: "{field}".',
  paramsUnknownFieldSuggest:
    'The params file {file} has a field {kind} does not take: "{field}" (did you mean "{suggestion}"?).',
  paramsMissing: 'The params file {file} lacks the required field "{field}".',
  paramsOutOfRange:
    'The params file {file} has a bad field "{field}": {value} is outside the allowed range {range}',
  dynamicInvalid: 'The prompt in {file} is not a valid dynamic-prompts template: {detail}',
  dynamicOptionsNeedDynamic: '--count and --wildcards only apply with --dynamic random|combinatorial.',
  dynamicExpanded: 'note: {count} of {total} prompt(s) from the template; one task each.',
  imageUnreadable: 'Cannot read the image file {file}.',
  toolUnknown: 'There is no documented tool "{tool}"; img-open tool --list shows them.',
  toolCodeMissing: 'Give a tool code (img-open tool --list shows them).',
  toolTaskIdIgnored: 'note: businessTaskId in {file} is ignored; img-open chooses the task id.',
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
  submitSilent:
    'note: no answer from the service about task {id} yet; still waiting. Ctrl+C stops waiting: the task stays in the history and is checked again later.',
  submitTrouble:
    'note: {problem} Still checking whether the service took task {id}{next}. Ctrl+C stops waiting: the task stays in the history as submitting and is checked again later (img-open status {id}).',
  trackTrouble: 'note: {problem} Task {id} is checked again{next}.',
  troubleHttp: 'The service answers HTTP {status}:',
  troubleNext: ' in {seconds} s',
  waitInterruptedSubmitting:
    'Stopped waiting. Task {id} stays in the history as submitting; img-open status {id} (or the app) checks whether the service took it.',
  historyRecovered:
    'note: the history file was damaged and has been rebuilt: {recovered} tasks recovered, {lost}. The damaged file is kept as {file}',
  historyLostCount: '{count} could not be read',
  historyLostUnknown: 'how many were lost cannot be told',
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
  'error.keys_needed_env':
    'Task {taskId} was sent to {baseUrl} with the keys of IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET, which are not set now. Set them again to check it; until then it stays unfinished.',
  'error.keychain_unavailable':
    'The OS keychain is not available. Pass the keys in IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET.',
  'error.keychain_locked':
    'The OS keychain is locked. Unlock it, or pass the keys in IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET.',
  'error.io': 'The data folder {dataDir} could not be read or written. Check the disk and its permissions.',
  'error.io_readonly':
    'The data folder {dataDir} cannot be written ({reason}: read-only or no permission). Make it writable, or use IMG_OPEN_DATA_DIR for another folder.',
  'error.io_full':
    'The disk holding the data folder {dataDir} is full ({reason}). Nothing saved so far is lost; free some space and run the command again.',
  taskNotSaved:
    'note: task {id} is still recorded as {status}; once the data folder can be written again, img-open status {id} records its outcome.',
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
  optionInvalid: 'Bad value for {option}: {detail}',
  keyArgumentRefused:
    'Keys are never taken from the command line ({option}): they would stay in the shell history and the process list. Run the command in a terminal to be asked, or set IMG_OPEN_ACCESS_KEY_ID and IMG_OPEN_ACCESS_KEY_SECRET (image storage: IMG_OPEN_STORAGE_ACCESS_KEY_ID and IMG_OPEN_STORAGE_SECRET_ACCESS_KEY).',
  promptKeyId: 'Access key id (not shown): ',
  promptKeySecret: 'Access key secret (not shown): ',
  promptStorageKeyId: 'Storage access key id (not shown): ',
  promptStorageSecret: 'Storage secret access key (not shown): ',
  promptCancelled: 'Cancelled; nothing was saved.',
  promptEmpty: 'Both the key id and the secret are needed; nothing was saved.',
  keysNotGiven:
    'note: no keys given (this is not a terminal, and {envId} and {envSecret} are not set), so none were stored. Pass those variables with each command, or store keys later with: img-open {command}',
  keysNotSaved:
    'note: the OS keychain is not available here, so the keys were not saved. Pass {envId} and {envSecret} with each command.',
  keychainCannotKeep:
    'The OS keychain is not available here, so typed keys cannot be kept; nothing was saved. Pass {envId} and {envSecret} with each command instead.',
  keysNotNeeded: 'keys: not needed',
  keysNotSet: 'keys: not set',
  keysInKeychain: 'keys: in the OS keychain (id …{last4})',
  keysThisRun: 'keys: for this run only (id …{last4})',
  demoAddress: '(built-in simulator)',
  demoStorage: '(built-in)',
  profileListTail: '{keys}  storage: {storage}',
  profileAdded: 'Added profile "{name}" ({keys}).',
  demoNeedsNoKeys: 'The demo profile needs no keys.',
  keysSaved: 'Saved the keys of profile "{name}" ({keys}).',
  profileActive: 'Profile "{name}" is now the active one.',
  removeNeedsYes:
    'Removing profile "{name}" also deletes its keys from the OS keychain; add --yes to confirm.',
  profileRemoved: 'Removed profile "{name}" and its keys. The active profile is "{active}".',
  profileTestOk: 'Profile "{name}" works: {address} answered with {count} models.',
  demoStorageBuiltIn: 'The demo profile keeps local images in its simulator; it needs no storage.',
  storageSaved: 'Image storage of profile "{name}" set: bucket {bucket} at {endpoint} ({keys}).',
  storageDemo: 'Profile "{name}" keeps local images in its simulator; it needs no storage.',
  storageNone:
    'Profile "{name}" has no image storage, so local images cannot be sent. Set it with: img-open storage set --bucket NAME --endpoint URL',
  storageShow:
    'Profile:         {name}\nEndpoint:        {endpoint}\nRegion:          {region}\nBucket:          {bucket}\nPrefix:          {prefix}\nPath-style URLs: {pathStyle}\nLinks work for:  {expiry} s\nKeep uploads:    {keep}\nStorage {keys}',
  yes: 'yes',
  no: 'no',
  storageTestOk:
    'The image storage of profile "{name}" works: a probe object was uploaded to {bucket}, fetched by its link and deleted.',
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
  paramsUnknownField: '参数文件 {file} 含有 {kind} 不接受的字段“{field}”。',
  paramsUnknownFieldSuggest:
    '参数文件 {file} 含有 {kind} 不接受的字段“{field}”（是否想写“{suggestion}”？）。',
  paramsMissing: '参数文件 {file} 缺少必填字段“{field}”。',
  paramsOutOfRange: '参数文件 {file} 的字段“{field}”有误：{value} 超出允许范围 {range}',
  dynamicInvalid: '{file} 中的提示词不是有效的动态提示词模板：{detail}',
  dynamicOptionsNeedDynamic: '--count 和 --wildcards 仅在使用 --dynamic random|combinatorial 时有效。',
  dynamicExpanded: '提示：模板共 {total} 个提示词，提交其中 {count} 个，每个一个任务。',
  imageUnreadable: '无法读取图片文件 {file}。',
  toolUnknown: '没有名为“{tool}”的已文档化工具；img-open tool --list 可列出全部工具。',
  toolCodeMissing: '请给出工具代码（img-open tool --list 可列出全部工具）。',
  toolTaskIdIgnored: '提示：{file} 中的 businessTaskId 已忽略，任务 ID 由 img-open 选定。',
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
  submitSilent:
    '提示：服务尚未回复任务 {id}，仍在等待。按 Ctrl+C 可停止等待：任务会保留在历史记录中，稍后再核对。',
  submitTrouble:
    '提示：{problem} 仍在核对服务是否已接收任务 {id}{next}。按 Ctrl+C 可停止等待：任务以“提交中”保留在历史记录中，稍后再核对（img-open status {id}）。',
  trackTrouble: '提示：{problem} 将{next}再次查询任务 {id}。',
  troubleHttp: '服务返回 HTTP {status}：',
  troubleNext: '（{seconds} 秒后再试）',
  waitInterruptedSubmitting:
    '已停止等待。任务 {id} 以“提交中”保留在历史记录中；img-open status {id}（或应用）会核对服务是否已接收它。',
  historyRecovered:
    '提示：历史记录文件已损坏并已重建：恢复了 {recovered} 个任务，{lost}。损坏的文件保留为 {file}',
  historyLostCount: '{count} 个无法读取',
  historyLostUnknown: '无法确定丢失了多少',
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
  'error.keys_needed_env':
    '任务 {taskId} 是用 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET 中的密钥发送到 {baseUrl} 的，而现在未设置这两个变量。请重新设置后再查询；在此之前任务保持未完成。',
  'error.keychain_unavailable':
    '系统钥匙串不可用。请通过 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET 提供密钥。',
  'error.keychain_locked':
    '系统钥匙串已锁定。请解锁，或通过 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET 提供密钥。',
  'error.io': '无法读写数据目录 {dataDir}。请检查磁盘空间和权限。',
  'error.io_readonly':
    '无法写入数据目录 {dataDir}（{reason}：只读或没有权限）。请让它可写，或用 IMG_OPEN_DATA_DIR 指定另一个目录。',
  'error.io_full':
    '数据目录 {dataDir} 所在的磁盘已满（{reason}）。已保存的内容不会丢失；请腾出空间后再次运行命令。',
  taskNotSaved:
    '提示：任务 {id} 仍记录为 {status}；数据目录恢复可写后，运行 img-open status {id} 即可记录其结果。',
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
  optionInvalid: '{option} 的值有误：{detail}',
  keyArgumentRefused:
    '密钥绝不从命令行读取（{option}）：它会留在 shell 历史和进程列表中。请在终端中运行命令以便输入，或设置 IMG_OPEN_ACCESS_KEY_ID 和 IMG_OPEN_ACCESS_KEY_SECRET（图片存储：IMG_OPEN_STORAGE_ACCESS_KEY_ID 和 IMG_OPEN_STORAGE_SECRET_ACCESS_KEY）。',
  promptKeyId: '访问密钥 ID（输入不显示）：',
  promptKeySecret: '访问密钥 Secret（输入不显示）：',
  promptStorageKeyId: '存储访问密钥 ID（输入不显示）：',
  promptStorageSecret: '存储 Secret Access Key（输入不显示）：',
  promptCancelled: '已取消；未保存任何内容。',
  promptEmpty: '密钥 ID 和 Secret 都必须填写；未保存任何内容。',
  keysNotGiven:
    '提示：未提供密钥（当前不是终端，且未设置 {envId} 和 {envSecret}），因此没有保存密钥。请在每条命令中提供这两个变量，或稍后用此命令保存：img-open {command}',
  keysNotSaved: '提示：此处系统钥匙串不可用，密钥未保存。请在每条命令中提供 {envId} 和 {envSecret}。',
  keychainCannotKeep:
    '此处系统钥匙串不可用，输入的密钥无法保存；未保存任何内容。请改为在每条命令中提供 {envId} 和 {envSecret}。',
  keysNotNeeded: '密钥：不需要',
  keysNotSet: '密钥：未设置',
  keysInKeychain: '密钥：在系统钥匙串中（ID …{last4}）',
  keysThisRun: '密钥：仅本次运行有效（ID …{last4}）',
  demoAddress: '（内置模拟器）',
  demoStorage: '（内置）',
  profileListTail: '{keys}  存储：{storage}',
  profileAdded: '已添加配置“{name}”（{keys}）。',
  demoNeedsNoKeys: '演示配置不需要密钥。',
  keysSaved: '已保存配置“{name}”的密钥（{keys}）。',
  profileActive: '配置“{name}”现为当前配置。',
  removeNeedsYes: '删除配置“{name}”也会从系统钥匙串删除其密钥；加上 --yes 确认。',
  profileRemoved: '已删除配置“{name}”及其密钥。当前配置为“{active}”。',
  profileTestOk: '配置“{name}”可用：{address} 已回复，共 {count} 个模型。',
  demoStorageBuiltIn: '演示配置把本地图片保存在其模拟器中，不需要存储。',
  storageSaved: '已设置配置“{name}”的图片存储：{endpoint} 上的存储桶 {bucket}（{keys}）。',
  storageDemo: '配置“{name}”把本地图片保存在其模拟器中，不需要存储。',
  storageNone:
    '配置“{name}”没有图片存储，无法发送本地图片。请用此命令设置：img-open storage set --bucket 名称 --endpoint 地址',
  storageShow:
    '配置：        {name}\n地址：        {endpoint}\n区域：        {region}\n存储桶：      {bucket}\n前缀：        {prefix}\n路径风格 URL：{pathStyle}\n链接有效期：  {expiry} 秒\n保留上传：    {keep}\n存储{keys}',
  yes: '是',
  no: '否',
  storageTestOk: '配置“{name}”的图片存储可用：已向 {bucket} 上传探测对象，通过其链接取回并删除。',
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
