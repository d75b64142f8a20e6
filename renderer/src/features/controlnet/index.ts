/** The ControlNet feature's public surface: the units editor the workbench mounts, and its checks. */
export { ControlNetPanel, type ControlNetPanelProps } from './ControlNetPanel'
export { controlNetIssues, unitIssues, type UnitIssue } from './unit-issues'
export { newUnit, withFirstUnitImage } from './unit-list'
