import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseAttention } from '../../renderer/src/features/prompt/attention'
import { promptSchedules } from '../../renderer/src/features/prompt/schedules'
import { analyzePrompt } from '../../renderer/src/features/prompt/tokenize'

/*
 * The prompt editor re-reads the whole prompt on every keystroke (schedule parse, weights, spans for
 * highlighting). Goal: ≤ 4 ms per keystroke on a 4,000-character prompt. This measures the pure part
 * in Node; CodeMirror's own DOM update cannot be measured meaningfully in jsdom (no layout), so it is
 * not included.
 */
const goalMs = 4
const targetLength = 4000
const edits = 3000

const pieces = [
  '{best quality}, {{masterpiece}}, {highres}, original, extremely detailed, incredibly_absurdres, ',
  'intricate detail, (detailed face), (face:1.2), 1girl, kneeling down, from below, crying, ',
  '[sitting|standing], ghost, <lora:add_detail:0.6>, (worst quality, low quality:1.4), EasyNegative, ',
  '(((distorted hands))), ((disfigured)), [[bad art]], [city street:forest path:0.4], ',
  '一个女孩，红色围巾，(城市夜景:1.2)，[雨天::0.6]，BREAK ',
  '(cinematic lighting:1.15), \\(parenthesis\\), <lyco:film_grain:0.3>, [dog:cat:12], ',
]

function realisticPrompt(): string {
  let text = ''
  for (let index = 0; text.length < targetLength; index += 1) text += pieces[index % pieces.length]
  return text.slice(0, targetLength)
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN
}

/** Types `edits` characters at pseudo-random places and times `work` after each one. */
function measure(name: string, work: (text: string) => unknown): void {
  let text = realisticPrompt()
  let seed = 42
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const typed = 'abcdefghij ,,()[]'
  for (let warm = 0; warm < 200; warm += 1) work(text)
  const times: number[] = []
  const cpuTimes: number[] = []
  for (let edit = 0; edit < edits; edit += 1) {
    const at = Math.floor(random() * text.length)
    const char = typed[Math.floor(random() * typed.length)] ?? 'a'
    // Insert one character, or delete one, keeping the prompt near 4,000 characters.
    text =
      text.length > targetLength
        ? text.slice(0, at) + text.slice(at + 1)
        : text.slice(0, at) + char + text.slice(at)
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    work(text)
    times.push(performance.now() - start)
    const cpu = process.cpuUsage(cpuStart)
    cpuTimes.push((cpu.user + cpu.system) / 1000)
  }
  times.sort((a, b) => a - b)
  cpuTimes.sort((a, b) => a - b)
  const median = percentile(times, 0.5)
  const p99 = percentile(times, 0.99)
  const verdict = p99 <= goalMs ? 'within' : 'OVER'
  process.stdout.write(
    `${name}\n  wall: median ${median.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${(times.at(-1) ?? 0).toFixed(3)} ms` +
      ` (${verdict} the ${goalMs} ms goal)\n  cpu:  median ${percentile(cpuTimes, 0.5).toFixed(3)} ms,` +
      ` p99 ${percentile(cpuTimes, 0.99).toFixed(3)} ms (wall-clock tails grow when other processes share the cores)\n`,
  )
}

const embeddings = new Set(['easynegative', 'badhandv4', 'ng_deepnegative_v1_75t'])
const [load] = loadavg()
process.stdout.write(
  `prompt of ${targetLength} characters, ${edits} single-character edits; load average ${load?.toFixed(1)}\n`,
)
measure('per keystroke: analyzePrompt (all the editor reads)', (text) => analyzePrompt(text, { embeddings }))
measure('parseAttention alone', parseAttention)
measure('promptSchedules alone (28 steps)', (text) => promptSchedules(text, 28))
