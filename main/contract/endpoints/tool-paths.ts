/** Every endpoint path starts here (§0). */
export const apiRoot = '/AIGCImgOpenServ/saas/'

const toolCodePattern = /^[A-Za-z0-9]+(?:\/[A-Za-z0-9]+)*$/

/** Whether a tool code can be put in a path as is (letters and digits, slash-separated). */
export const isToolCode = (toolCode: string): boolean =>
  toolCode.length <= 100 && toolCodePattern.test(toolCode)

/** A tool's submit path: `/AIGCImgOpenServ/saas/tool/{toolCode}`. */
export const toolPath = (toolCode: string): string => `${apiRoot}tool/${toolCode}`

/** The tool task query path for a tool code (§12): `/AIGCImgOpenServ/saas/tool/{toolCode}/queryTask`. */
export const toolQueryPath = (toolCode: string): string => `${apiRoot}tool/${toolCode}/queryTask`
