export { PlotPanel } from './PlotPanel'
export { previewPlot, type PlotPreview } from './plot-preview'
export { usePlotStore } from './plot-store'
