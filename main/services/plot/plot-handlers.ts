import type { Handlers } from '#contract'
import type { PlotService } from './plot-service'

export function createPlotHandlers(deps: {
  plots: PlotService
}): Pick<Handlers, 'plot.plan' | 'plot.start' | 'plot.get' | 'plot.retryCell'> {
  return {
    'plot.plan': (request) => {
      const plan = deps.plots.plan(request)
      const axes = (['x', 'y', 'z'] as const).flatMap((axis) => {
        const each = plan.axes[axis]
        return each ? [{ axis, type: each.type, labels: each.labels }] : []
      })
      return { axes, taskCount: plan.taskCount, imageCount: plan.imageCount }
    },
    'plot.start': (request) => deps.plots.start(request),
    'plot.get': ({ plotId }) => deps.plots.get(plotId),
    'plot.retryCell': ({ plotId, x, y, z }) => deps.plots.retryCell(plotId, { x, y, z }),
  }
}
