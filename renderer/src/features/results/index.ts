export { ResultsStage } from './ResultsStage'
export { OutputFolderSection } from './OutputFolderSection'
